using Quell.Jobs;

namespace Quell.Csv;

/// <summary>
/// <c>csv.analyze</c>: streams each CSV file once and computes per-column statistics (counts, empties, numeric
/// min/max/mean, distinct estimate, top values). Progress is in bytes; every chunk of rows publishes the statistics
/// so far as partial results, so a stopped job keeps them and says where each file stopped. A missing or malformed
/// file is a failure of that file only; the job fails when every file does.
/// </summary>
public sealed class CsvAnalyzeJob : IJobHandler<CsvAnalyzeInput, CsvAnalysis>
{
    /// <summary>The registered job type name.</summary>
    public const string JobType = "csv.analyze";

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Every file was missing, unreadable or malformed.</exception>
    public Task<CsvAnalysis> ExecuteAsync(CsvAnalyzeInput input, IJobContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        return new CsvAnalysisRun(context, input.Paths).RunAsync();
    }
}
