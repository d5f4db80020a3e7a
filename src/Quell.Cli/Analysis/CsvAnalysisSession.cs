using Quell.Server.Jobs;
using System.Runtime.InteropServices;
using System.Text.Json;
using Quell.Cancellation;
using Quell.Cli.Client;
using Quell.Cli.Hosting;
using Quell.Cli.Rendering;
using Quell.Jobs;
using Spectre.Console;

namespace Quell.Cli.Analysis;

/// <summary>
/// One <c>quell analyze-csv</c>: submits <c>csv.analyze</c> to the embedded runtime, shows its progress, turns the
/// first Ctrl+C into a <c>user_requested</c> cancel, and reports the result or the partial results.
/// </summary>
internal sealed class CsvAnalysisSession(EmbeddedRuntime runtime, bool json)
{
    public const string JobType = "csv.analyze";
    public const string Owner = "local"; // the owner the server gives callers without an API key, so both see these jobs
    private const string CancelMessage = "Cancelled from the terminal (Ctrl+C)";

    private readonly ProgressTracker _tracker = new();
    // With --json, standard output carries only the job document; progress goes to standard error.
    private readonly IAnsiConsole _console = json
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;
    private volatile bool _interrupted;

    public async Task<int> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var job = await SubmitAsync(files, cancellationToken).ConfigureAwait(false);
        var interactive = json ? !Console.IsErrorRedirected : Output.IsInteractive;
        _console.Profile.Out.Writer.WriteLine($"Job {job.Id}: analysing {files.Count} file(s). Press Ctrl+C to cancel.");

        using (new Interrupts(signal => RequestCancel(job.Id, signal), () => Quit(interactive)))
        {
            var watching = WatchAsync(job.Id, cancellationToken);
            await ProgressView.Create(_console, interactive).ShowAsync(_tracker, watching).ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }
        var finished = await runtime.Jobs.GetAsync(job.Id, owner: null, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"Job {job.Id} disappeared from the store.");
        return await ReportAsync(finished, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JobRecord> SubmitAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        // Full paths: the job runs in this process, but its record may be read (and retried) from elsewhere.
        var input = JsonSerializer.SerializeToElement(new CsvInput([.. files.Select(Path.GetFullPath)]), CsvInputContext.Default.CsvInput);
        try
        {
            return await runtime.Jobs.SubmitAsync(new JobSubmission(JobType, input, Owner), cancellationToken).ConfigureAwait(false);
        }
        catch (JobSubmissionException e)
        {
            throw new CliException(e.Message);
        }
    }

    private async Task WatchAsync(string jobId, CancellationToken cancellationToken)
    {
        await foreach (var e in runtime.Jobs.WatchAsync(jobId, owner: null, includeTransient: true, cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            _tracker.Observe(e);
        }
    }

    private void RequestCancel(string jobId, PosixSignal signal)
    {
        _interrupted = signal == PosixSignal.SIGINT;
        _tracker.MarkCancelling();
        var request = signal == PosixSignal.SIGINT
            ? new CancelRequest(null, CancellationReason.UserRequested, CancelMessage, RequestedBy: "terminal")
            : new CancelRequest(null, CancellationReason.SystemShutdown, "The quell process was asked to stop (SIGTERM).", RequestedBy: "system");
        // The watch loop sees the terminal event this leads to; a failure here is shown by the job staying alive.
        _ = Task.Run(() => runtime.Jobs.CancelAsync(jobId, request));
    }

    private static void Quit(bool interactive)
    {
        if (interactive) Console.Out.Write("\u001b[?25h"); // the live display hid the cursor
        Console.Error.WriteLine("Quit without waiting for the job to stop.");
        Environment.Exit(ExitCodes.Interrupted);
    }

    private async Task<int> ReportAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (json)
        {
            Output.WriteJson(JsonSerializer.Serialize(JobDto.From(job), CliJsonContext.Default.JobDto));
        }
        else
        {
            await WriteSummaryAsync(job, cancellationToken).ConfigureAwait(false);
        }
        return job.Status switch
        {
            JobStatus.Completed => ExitCodes.Success,
            JobStatus.Cancelled when _interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.Failure,
        };
    }

    private async Task WriteSummaryAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var took = job.FinishedAt - job.StartedAt is { } duration ? $" in {Formats.Duration(duration)}" : "";
        switch (job.Status)
        {
            case JobStatus.Completed:
                Output.WriteLine($"Job {job.Id} completed{took}.");
                if (job.Result is { } result) CsvStatsRenderer.TryWriteAnalysis(result);
                return;
            case JobStatus.Cancelled:
                var why = job.Cancellation is { } cancellation ? $" ({JobRenderer.Describe(cancellation)})" : "";
                Output.WriteLine($"Job {job.Id} cancelled{why}.");
                break;
            default:
                Output.WriteLine($"Job {job.Id} {job.Status.ToWireName()}: {job.Error}");
                break;
        }
        var partial = await runtime.Jobs.GetPartialResultsAsync(job.Id, owner: null, cancellationToken).ConfigureAwait(false);
        if (partial is null) Output.WriteLine("No partial results were saved.");
        else PartialResultsRenderer.Write(partial);
    }
}
