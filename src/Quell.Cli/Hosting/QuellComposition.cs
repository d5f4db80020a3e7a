using Quell.Hosting;

namespace Quell.Cli.Hosting;

/// <summary>
/// The one place where the CLI chooses the runtime's parts: the store every command opens and the job types it can
/// run. <c>quell serve</c>, <c>quell analyze-csv</c> and <c>quell jobs --data</c> all go through here, so they share
/// one history.
/// </summary>
internal static class QuellComposition
{
    /// <summary>Registers the job types the CLI runs in-process: <c>csv.analyze</c>, and workflows (<c>workflow.run</c>, <c>llm.generate</c>).</summary>
    public static QuellBuilder AddJobTypes(this QuellBuilder quell) => quell.AddCsvAnalyze().AddWorkflows();

    /// <summary>Registers the embedded SQLite store under <paramref name="dataDirectory"/>.</summary>
    public static QuellBuilder UseDataDirectory(this QuellBuilder quell, string dataDirectory, bool readOnly = false)
    {
        var directory = Path.GetFullPath(dataDirectory);
        quell.Configure(options => options.DataDirectory = directory);
        quell.UseSqliteStore(store => store.ReadOnly = readOnly);
        return quell;
    }
}
