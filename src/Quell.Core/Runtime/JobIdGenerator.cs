using System.Buffers.Binary;

namespace Quell.Runtime;

/// <summary>
/// Ids for jobs whose caller chose none: UUIDv7 (RFC 9562) as 32 lower-case hex digits, whose 12 <c>rand_a</c> bits
/// count up within a millisecond (the RFC's "fixed bit-length dedicated counter", §6.2 method 1), so the ids one
/// process makes sort in the order it made them.
/// </summary>
/// <remarks>
/// <see cref="Guid.CreateVersion7()"/> is random within a millisecond, and a batch submit makes a hundred jobs in
/// one. The stores index jobs and their events by id, so ids out of order put each batch's later events into pages
/// all over the millisecond's range and split them: in the SQLite floor probe the events index cost 4.7 of 15 WAL
/// frames per commit. In order, a claim's jobs sit side by side in every index keyed by id.
/// </remarks>
internal static class JobIdGenerator
{
    private const int CounterBits = 12;
    private const int MaxCounter = (1 << CounterBits) - 1;

    private static readonly Lock Gate = new();
    private static long s_lastMs;
    private static int s_counter;

    public static string NewId()
    {
        // The random bits come from Guid.NewGuid (the OS's secure source through libSystem.Native):
        // RandomNumberGenerator would load OpenSSL, 4 MB of RSS for a few random bytes.
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes, bigEndian: true, out _);
        long ms;
        int counter;
        lock (Gate)
        {
            ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (ms > s_lastMs)
            {
                s_lastMs = ms;
                // A random start in the lower half leaves room to count, and keeps ids of two processes apart.
                s_counter = ((bytes[6] & 0x07) << 8) | bytes[7];
            }
            else if (++s_counter > MaxCounter)
            {
                // More than 2,048 ids in one millisecond, or the clock stepped back: borrow the next millisecond.
                s_lastMs++;
                s_counter = 0;
            }
            ms = s_lastMs;
            counter = s_counter;
        }

        BinaryPrimitives.WriteInt64BigEndian(bytes, ms << 16);
        bytes[6] = (byte)(0x70 | (counter >> 8)); // version 7, then the counter's high four bits
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return Convert.ToHexStringLower(bytes);
    }
}
