using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Quell.Csv;

/// <summary>Formats demo rows straight into UTF-8 bytes, with no strings per row.</summary>
internal sealed class DemoCsvRows
{
    /// <summary>An upper bound of one row's bytes.</summary>
    public const int MaxRowBytes = 512;

    private static readonly byte[][] FirstNames = Utf8(
        "Ada", "Grace", "Linus", "Zoë", "Jürgen", "Amara", "Kenji", "Sofia", "Mateo", "Olga", "Priya", "Tomás");

    private static readonly byte[][] LastNames = Utf8(
        "Lovelace", "Hopper", "Müller", "Okafor", "Tanaka", "Rossi", "García", "Ivanova", "Sharma", "Šimić", "Smith");

    // Weighted: the US is a third of orders, so top values have a clear order.
    private static readonly byte[][] Countries = Utf8(
        "US", "US", "US", "US", "US", "US", "DE", "DE", "DE", "GB", "GB", "FR", "FR", "JP", "BR", "IN", "CA", "ES");

    // Raw CSV cells: some need quotes for commas, doubled quotes or a line break.
    private static readonly byte[][] Comments = Utf8(
        "fast delivery", "\"late, but fine\"", "\"said \"\"wow\"\", then left\"", "would order again",
        "\"box damaged, item ok\"", "\"5\"\" screen, not 6\"\"\"", "gift", "\"two lines:\r\nfirst, then second\"");

    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private SplitMix64 _random;
    private DateTime _time = Start;

    public DemoCsvRows(int seed) => _random = new SplitMix64(seed);

    public static int WriteHeader(Span<byte> destination) =>
        Encoding.UTF8.GetBytes(DemoCsv.Header + "\r\n", destination);

    public int WriteRow(long id, Span<byte> destination)
    {
        var at = 0;
        Utf8Formatter.TryFormat(id, destination, out var written);
        at += written;
        destination[at++] = (byte)',';
        _time = _time.AddSeconds(_random.Next(60));
        _time.TryFormat(destination[at..], out written, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        at += written;
        destination[at++] = (byte)',';
        at += WriteCustomer(destination[at..]);
        destination[at++] = (byte)',';
        at += Append(destination[at..], Countries[_random.Next(Countries.Length)]);
        destination[at++] = (byte)',';
        at += WriteAmount(destination[at..]);
        destination[at++] = (byte)',';
        if (_random.Next(10) != 0) destination[at++] = (byte)('1' + _random.Next(5));
        destination[at++] = (byte)',';
        // The line-break comment is rare (1 in ~1,000 rows); the others share the rest of the commented rows.
        var comment = _random.Next(1000) == 0 ? Comments.Length - 1 : _random.Next(5 * (Comments.Length - 1));
        if (comment < Comments.Length) at += Append(destination[at..], Comments[comment]);
        destination[at++] = (byte)'\r';
        destination[at++] = (byte)'\n';
        return at;
    }

    private int WriteCustomer(Span<byte> destination)
    {
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)];
        if (_random.Next(4) != 0)
        {
            var at = Append(destination, first);
            destination[at++] = (byte)' ';
            return at + Append(destination[at..], last);
        }
        // "Last, First" needs quotes.
        var quoted = 0;
        destination[quoted++] = (byte)'"';
        quoted += Append(destination[quoted..], last);
        destination[quoted++] = (byte)',';
        destination[quoted++] = (byte)' ';
        quoted += Append(destination[quoted..], first);
        destination[quoted++] = (byte)'"';
        return quoted;
    }

    private int WriteAmount(Span<byte> destination)
    {
        var roll = _random.Next(100);
        if (roll < 3) return 0;
        var cents = _random.Next(100_000);
        var at = 0;
        if (roll < 5) destination[at++] = (byte)'-';
        Utf8Formatter.TryFormat(cents / 100, destination[at..], out var written);
        at += written;
        destination[at++] = (byte)'.';
        Utf8Formatter.TryFormat(cents % 100, destination[at..], out written, new System.Buffers.StandardFormat('D', 2));
        return at + written;
    }

    private static int Append(Span<byte> destination, byte[] value)
    {
        value.CopyTo(destination);
        return value.Length;
    }

    private static byte[][] Utf8(params string[] values) => values.Select(Encoding.UTF8.GetBytes).ToArray();
}
