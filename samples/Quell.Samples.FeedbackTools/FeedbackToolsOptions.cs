using System.Globalization;

namespace Quell.Samples.FeedbackTools;

/// <summary>
/// Where the tools read and write, and how fast: from the command line first, then from the environment
/// (handy when a workflow file starts the server and a test or a shell sets the variables).
/// </summary>
internal sealed record FeedbackToolsOptions
{
    /// <summary>The demo orders CSV; created with <c>DemoCsv</c> when it does not exist.</summary>
    public required string DataFile { get; init; }

    /// <summary>Where <c>publish_report</c> writes reports.</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>The JSON-lines file that records each <c>notifications/cancelled</c> a tool obeyed; null to record nothing.</summary>
    public string? CancelLog { get; init; }

    /// <summary>
    /// Rows per second each tool reads at most. The demo file is small; pacing makes every tool take long enough
    /// that a person (or a test) can cancel it mid-way. Zero reads at full speed.
    /// </summary>
    public int RowsPerSecond { get; init; }

    /// <summary>Rows written when the data file has to be created.</summary>
    public int DemoRows { get; init; }

    public static FeedbackToolsOptions Parse(string[] args)
    {
        string? Value(string option, string variable)
        {
            var at = Array.IndexOf(args, option);
            if (at >= 0 && at + 1 < args.Length) return args[at + 1];
            var fromEnvironment = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
        }

        var home = Path.Combine(Path.GetTempPath(), "quell-feedback-tools");
        return new FeedbackToolsOptions
        {
            DataFile = Path.GetFullPath(Value("--data", "QUELL_SAMPLE_DATA") ?? Path.Combine(home, "demo-orders.csv")),
            ReportDirectory = Path.GetFullPath(Value("--report-dir", "QUELL_SAMPLE_REPORT_DIR") ?? Path.Combine(home, "reports")),
            CancelLog = Value("--cancel-log", "QUELL_SAMPLE_CANCEL_LOG") is { } log ? Path.GetFullPath(log) : null,
            RowsPerSecond = Number(Value("--rows-per-second", "QUELL_SAMPLE_ROWS_PER_SECOND"), 20_000),
            DemoRows = Number(Value("--demo-rows", "QUELL_SAMPLE_DEMO_ROWS"), 20_000),
        };
    }

    private static int Number(string? text, int fallback) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"'{text}' is not a whole number.");
}
