namespace Quell.Csv;

/// <summary>
/// A tiny deterministic generator (Steele et al., 2014). Unlike <see cref="Random"/>, its sequence for a seed is
/// ours to keep stable across .NET versions, which demo data must be.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(int seed) => _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15);

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, <paramref name="bound"/>).</summary>
    public int Next(int bound) => (int)(Next() % (ulong)bound);
}
