using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quell.Workflows.Catalog;

namespace Quell.Server.Hosting;

/// <summary>
/// Loads <see cref="QuellServerOptions.WorkflowDirectories"/> into the catalog before the server takes requests, so
/// the samples can be run the moment it answers.
/// </summary>
internal sealed partial class WorkflowSamplesLoader(QuellServerOptions options, IWorkflowCatalog catalog, ILogger<WorkflowSamplesLoader> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var directory in options.WorkflowDirectories)
        {
            if (!Directory.Exists(directory))
            {
                LogMissing(log, directory);
                continue;
            }
            var report = await catalog.LoadSamplesAsync(directory, cancellationToken);
            LogLoaded(log, report.Loaded.Count, directory, report.Loaded);
            foreach (var (file, error) in report.Skipped) LogSkipped(log, file, error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "No workflow directory at {Directory}; no samples loaded")]
    private static partial void LogMissing(ILogger logger, string directory);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Loaded {Count} workflow(s) from {Directory}: {Ids}")]
    private static partial void LogLoaded(ILogger logger, int count, string directory, IReadOnlyList<string> ids);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Skipped workflow file {File}: {Error}")]
    private static partial void LogSkipped(ILogger logger, string file, string error);
}
