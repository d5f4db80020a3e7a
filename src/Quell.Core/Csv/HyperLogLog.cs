using System.Numerics;

namespace Quell.Csv;

/// <summary>
/// Distinct-count estimate in 4 KiB (2^12 one-byte registers, about 1.6% standard error), with linear counting
/// for small sets (Flajolet et al., 2007; the small-range correction of section 4).
/// </summary>
internal sealed class HyperLogLog
{
    private const int Precision = 12;
    private const int RegisterCount = 1 << Precision;

    private readonly byte[] _registers = new byte[RegisterCount];

    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        // The sentinel bit caps the rank at 64 - Precision + 1 when the remaining bits are all zero.
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        if (rank > _registers[index]) _registers[index] = rank;
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += 1.0 / (1UL << register);
            if (register == 0) zeros++;
        }
        const double m = RegisterCount;
        var alpha = 0.7213 / (1 + (1.079 / m));
        var estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0) estimate = m * Math.Log(m / zeros);
        return (long)Math.Round(estimate);
    }
}
