using System.Globalization;

namespace Quell.Bench.Scenarios;

/// <summary>Command-line flags shared by the load scenarios; a missing flag keeps the scenario's default.</summary>
internal sealed record ScenarioOptions(int? Jobs, int? Workers, int? Cancels, int? Submitters, string? Runtime, int? Batch = null,
    string? Connection = null, int? PeerJobs = null, int? Repeat = null, int? PeerCancels = null)
{
    public static ScenarioOptions Parse(IReadOnlyList<string> args)
    {
        int? Int(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name) return int.Parse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
            return null;
        }
        string? Text(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name) return args[i + 1];
            }
            return null;
        }
        return new ScenarioOptions(Int("--jobs"), Int("--workers"), Int("--cancels"), Int("--submitters"), Text("--runtime"), Int("--batch"),
            Text("--connection") ?? Environment.GetEnvironmentVariable("QUELL_TEST_POSTGRES"), Int("--peer-jobs"), Int("--runs"), Int("--peer-cancels"));
    }

    /// <summary>True unless <c>--runtime</c> names another one (quell, hangfire, node).</summary>
    public bool Runs(string runtime) => Runtime is null || string.Equals(Runtime, runtime, StringComparison.OrdinalIgnoreCase);
}
