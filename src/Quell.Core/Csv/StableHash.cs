namespace Quell.Csv;

/// <summary>
/// A 64-bit hash that is the same in every process and version (unlike <see cref="HashCode"/>): FNV-1a over
/// the bytes, then MurmurHash3's finalizer, because HyperLogLog reads the top and leading bits, which FNV-1a
/// alone mixes poorly for short, similar values such as <c>id-0001</c>, <c>id-0002</c>.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= Prime;
        }
        return Mix(hash);
    }

    private static ulong Mix(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }
}
