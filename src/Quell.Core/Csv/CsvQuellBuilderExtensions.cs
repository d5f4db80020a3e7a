using Quell.Csv;

namespace Quell.Hosting;

/// <summary>Registers the CSV analysis job.</summary>
public static class CsvQuellBuilderExtensions
{
    /// <summary>
    /// Adds the <c>csv.analyze</c> job type. It only reads files, so a run interrupted by a crash is safe to retry.
    /// </summary>
    public static QuellBuilder AddCsvAnalyze(this QuellBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddJob<CsvAnalyzeInput, CsvAnalysis, CsvAnalyzeJob>(CsvAnalyzeJob.JobType, options =>
        {
            options.SafeToRetry = true;
            options.Description = "Streams CSV files and reports per-column statistics, keeping what was analysed if stopped.";
        });
    }
}
