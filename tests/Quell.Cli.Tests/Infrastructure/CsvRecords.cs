namespace Quell.Cli.Tests.Infrastructure;

/// <summary>A minimal RFC 4180 reader for checking demo files: counts records and fields, honouring quotes.</summary>
internal static class CsvRecords
{
    public static List<int> FieldCounts(string text)
    {
        var counts = new List<int>();
        var fields = 1;
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields++; break;
                case '\r': break;
                case '\n':
                    counts.Add(fields);
                    fields = 1;
                    any = false;
                    break;
            }
        }
        if (quoted) throw new FormatException("The file ends inside a quoted field.");
        if (any) counts.Add(fields);
        return counts;
    }
}
