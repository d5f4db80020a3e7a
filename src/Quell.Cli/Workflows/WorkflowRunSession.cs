using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Cancellation;
using Quell.Cli.Hosting;
using Quell.Cli.Rendering;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Loading;
using Quell.Workflows.Runs;
using Spectre.Console;

namespace Quell.Cli.Workflows;

/// <summary>
/// One <c>quell workflow run</c>: stores the file in the data directory's catalog, starts a run, shows it live, turns
/// Ctrl+C into element cancels (then a run cancel), and prints the outcome and what cancelled tasks kept.
/// </summary>
internal sealed class WorkflowRunSession(EmbeddedRuntime runtime, bool json)
{
    public const string Owner = "local"; // as analyze-csv: the owner the server gives callers without an API key
    public const string CancelMessage = "Cancelled from the terminal (Ctrl+C)";

    // With --json, standard output carries only the RunView; the live view goes to standard error.
    private readonly IAnsiConsole _console = json
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;
    private readonly WorkflowRuns _runs = runtime.Services.GetRequiredService<WorkflowRuns>();
    private volatile bool _runCancelledHere;

    public async Task<int> RunAsync(string file, JsonElement? variables, CancellationToken cancellationToken)
    {
        var workflowId = await StoreAsync(file, cancellationToken).ConfigureAwait(false);
        JobRecord job;
        try
        {
            job = await _runs.StartAsync(workflowId, variables, Owner, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JobSubmissionException e)
        {
            throw new CliException(e.Message);
        }
        var live = new LiveRun(job.Id);
        var interactive = json ? !Console.IsErrorRedirected : Output.IsInteractive;
        _console.Profile.Out.Writer.WriteLine($"Run {job.Id}: workflow {workflowId}. Ctrl+C cancels the running tasks; twice, the run.");

        using (new RunInterrupts(() => CancelTasks(live), userAsked => CancelRun(live, userAsked), () => Quit(interactive)))
        {
            var watching = WatchAsync(live, cancellationToken);
            if (interactive) await RunLiveView.ShowAsync(_console, live, watching).ConfigureAwait(false);
            else await RunLineView.ShowAsync(_console.Profile.Out.Writer, live, watching).ConfigureAwait(false);
            await watching.ConfigureAwait(false);
        }

        var finished = await runtime.Jobs.GetAsync(job.Id, Owner, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"Run {job.Id} disappeared from the store.");
        var view = await _runs.GetAsync(job.Id, Owner, cancellationToken).ConfigureAwait(false) ?? live.View();
        if (json) Output.WriteJson(JsonSerializer.Serialize(view, WorkflowJson.Options));
        else RunSummaryRenderer.Write(_console, view, finished.Error);
        return view.Outcome switch
        {
            "success" => ExitCodes.Success,
            "cancelled" when _runCancelledHere => ExitCodes.Interrupted,
            _ => ExitCodes.Failure,
        };
    }

    private async Task<string> StoreAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file)) throw new CliException($"No such file: {file}");
        var format = WorkflowLoader.FormatOf(file) ?? throw new CliException($"{file}: expected a .yaml, .yml or .bpmn file.");
        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        try
        {
            var definition = WorkflowLoader.Load(text, format, Path.GetFileName(file));
            foreach (var warning in ToolPathCheck.Warnings(definition)) await Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
            // Kept in the data directory's catalog, so the run's history names a workflow a server there also knows.
            await runtime.Services.GetRequiredService<IWorkflowCatalog>().PutAsync(definition.Id, text, format, cancellationToken).ConfigureAwait(false);
            return definition.Id;
        }
        catch (WorkflowLoadException e)
        {
            throw new CliException(e.Message);
        }
    }

    private async Task WatchAsync(LiveRun live, CancellationToken cancellationToken)
    {
        await foreach (var e in runtime.Jobs.WatchAsync(live.RunId, Owner, afterSeq: 0, includeTransient: false, cancellationToken)
                           .ConfigureAwait(false))
        {
            live.Apply(e);
        }
    }

    private void CancelTasks(LiveRun live)
    {
        var running = live.View().Elements.Where(e => e is { Status: "running", Cancellable: true }).Select(e => e.ElementId).ToList();
        live.Notice = running.Count == 0
            ? "No running task can be cancelled now; press Ctrl+C again to cancel the whole run."
            : $"Cancelling {string.Join(", ", running)}… press Ctrl+C again to cancel the whole run.";
        foreach (var elementId in running)
        {
            // The watch shows task.cancelling/task.cancelled as they come; a refusal (it just finished) is in the history.
            _ = Task.Run(() => _runs.CancelElementAsync(live.RunId, elementId, Owner, CancellationReason.UserRequested, CancelMessage));
        }
    }

    private void CancelRun(LiveRun live, bool userAsked)
    {
        _runCancelledHere = true;
        live.Notice = "Cancelling the run…";
        var (reason, message) = userAsked
            ? (CancellationReason.UserRequested, CancelMessage)
            : (CancellationReason.SystemShutdown, "The quell process was asked to stop (SIGTERM).");
        _ = Task.Run(() => _runs.CancelRunAsync(live.RunId, Owner, reason, message));
    }

    private static void Quit(bool interactive)
    {
        if (interactive) Console.Out.Write("\u001b[?25h"); // the live display hid the cursor
        Console.Error.WriteLine("Quit without waiting for the run to stop.");
        Environment.Exit(ExitCodes.Interrupted);
    }
}
