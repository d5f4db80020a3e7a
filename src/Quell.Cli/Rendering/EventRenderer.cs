using Quell.Server.Sse;
using Quell.Cli.Client;

namespace Quell.Cli.Rendering;

/// <summary>Events as one line each: sequence, time, type, data.</summary>
internal static class EventRenderer
{
    public static void Write(JobEventDto e)
    {
        var seq = e.Seq == 0 ? "live" : e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Output.WriteLine($"{seq,6}  {Formats.Time(e.Time)}  {e.Type,-20}  {e.Data.GetRawText()}");
    }
}
