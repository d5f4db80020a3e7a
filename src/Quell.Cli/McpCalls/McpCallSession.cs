using System.Runtime.InteropServices;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Quell.Cli.Analysis;
using Quell.Cli.Rendering;
using Quell.Mcp.Client;
using Spectre.Console;

namespace Quell.Cli.McpCalls;

/// <summary>
/// One <c>quell mcp call</c> on a connected client: starts the tool call with a progress token, shows its progress,
/// turns the first Ctrl+C into <c>notifications/cancelled</c>, and reports the result, the error, or what is left of
/// a cancelled call.
/// </summary>
internal sealed class McpCallSession(McpClient client, IAnsiConsole console, bool interactive)
{
    public const string CtrlCReason = "Cancelled from the terminal (Ctrl+C)";
    public const string SigtermReason = "The quell process was asked to stop (SIGTERM)";
    public const int TimedOutExitCode = 124; // as timeout(1)

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly TimeSpan LookupLimit = TimeSpan.FromSeconds(30);
    private volatile bool _cancelling;
    private volatile bool _interrupted;

    public async Task<int> RunAsync(string tool, JsonElement? arguments, McpOperationOptions options)
    {
        await using var manager = new McpOperationManager(client);
        var operation = manager.Start(tool, arguments, progress: null, options);
        using (new Interrupts(signal => Cancel(operation, signal), () => Quit(interactive)))
        {
            await McpCallProgressView.ShowAsync(console, interactive, operation, () => _cancelling).ConfigureAwait(false);
            await operation.Completion.ConfigureAwait(false);
        }
        return await ReportAsync(operation).ConfigureAwait(false);
    }

    private void Cancel(McpOperation operation, PosixSignal signal)
    {
        _interrupted = signal == PosixSignal.SIGINT;
        _cancelling = true;
        // The operation completes when the notification is out; a failure to send it shows up in ReportAsync.
        _ = Task.Run(() => operation.CancelAsync(signal == PosixSignal.SIGINT ? CtrlCReason : SigtermReason));
    }

    private static void Quit(bool interactive)
    {
        if (interactive) Console.Out.Write("\u001b[?25h"); // the live display hid the cursor
        Console.Error.WriteLine("Quit without waiting for the call to be cancelled.");
        Environment.Exit(ExitCodes.Interrupted);
    }

    private async Task<int> ReportAsync(McpOperation operation)
    {
        switch (operation.Status)
        {
            case McpOperationStatus.Completed:
                WriteResult(operation.Result!);
                return ExitCodes.Success;
            case McpOperationStatus.Failed when operation.Result is { } error:
                await Console.Error.WriteLineAsync($"Error: {operation.ToolName} failed: {Text(error)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            case McpOperationStatus.Failed:
                await Console.Error.WriteLineAsync($"Error: {operation.ToolName} failed: {operation.Error?.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            case McpOperationStatus.TimedOut:
                Output.WriteLine($"Call {operation.RequestId} timed out and was cancelled ({operation.CancellationReason}).");
                await WriteWhatIsLeftAsync(operation).ConfigureAwait(false);
                return TimedOutExitCode;
            default:
                Output.WriteLine($"Call {operation.RequestId} cancelled ({operation.CancellationReason}).");
                await WriteWhatIsLeftAsync(operation).ConfigureAwait(false);
                return _interrupted ? ExitCodes.Interrupted : ExitCodes.Failure;
        }
    }

    private static void WriteResult(CallToolResult result)
    {
        if (result.StructuredContent is not { } structured)
        {
            Output.WriteLine(Text(result));
            return;
        }
        if (structured.TryGetProperty("jobId", out var jobId) && structured.TryGetProperty("status", out var status) && status.GetString() == "completed")
        {
            Output.WriteLine($"Job {jobId.GetString()} completed.");
        }
        if (structured.TryGetProperty("result", out var jobResult) && CsvStatsRenderer.TryWriteAnalysis(jobResult)) return;
        Output.WriteJson(JsonSerializer.Serialize(structured, Indented));
    }

    /// <summary>
    /// The server sends no response to a cancelled request. A Quell server records the client's reason as the job's
    /// cancellation message, which finds the job; its partial results are what came back.
    /// </summary>
    private async Task WriteWhatIsLeftAsync(McpOperation operation)
    {
        if (operation.Error is { } error) await Console.Error.WriteLineAsync($"The cancel notice may not have reached the server: {error.Message}").ConfigureAwait(false);
        try
        {
            // However the server behaves, the command ends: finding the job, then reading what it kept, each stop
            // waiting after LookupLimit.
            var jobId = await FindCancelledJobAsync(operation.CancellationReason, DateTime.UtcNow + LookupLimit).ConfigureAwait(false);
            if (jobId is null)
            {
                Output.WriteLine("No response comes back for a cancelled call, and no cancelled job carries its reason.");
                return;
            }
            var partial = await LookupAsync("get_partial_results", new Dictionary<string, object?> { ["id"] = jobId }, DateTime.UtcNow + LookupLimit)
                .ConfigureAwait(false);
            if (partial.IsError is true || partial.StructuredContent is not { } p)
            {
                Output.WriteLine($"Job {jobId} cancelled; no partial results: {Text(partial)}");
                return;
            }
            var done = p.TryGetProperty("completedItems", out var completed) ? completed.ToString() : "?";
            var of = p.TryGetProperty("totalItems", out var total) && total.ValueKind == JsonValueKind.Number ? $" of {total}" : "";
            Output.WriteLine($"Job {jobId} cancelled. Partial results: {done}{of} item(s) done.");
            Output.WriteJson(JsonSerializer.Serialize(p, Indented));
        }
        catch (Exception e)
        {
            // The server may not be Quell (no list_jobs), or may be gone; the call is cancelled either way.
            Output.WriteLine($"Could not fetch partial results: {e.Message}");
        }
    }

    private async Task<string?> FindCancelledJobAsync(string? reason, DateTime deadline)
    {
        // The job reaches 'cancelled' at its next checkpoint, shortly after the notification; a loaded or cold
        // machine can take seconds, so look for a while, then say what was seen.
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            var page = await LookupAsync("list_jobs", new Dictionary<string, object?> { ["limit"] = 20 }, deadline).ConfigureAwait(false);
            if (page.IsError is true || page.StructuredContent is not { } content) return null;
            var summaries = new List<string>();
            foreach (var job in content.GetProperty("items").EnumerateArray())
            {
                var status = job.GetProperty("status").GetString();
                var message = job.TryGetProperty("cancellation", out var c) && c.ValueKind == JsonValueKind.Object
                    && c.TryGetProperty("message", out var m) ? m.GetString() : null;
                if (status == "cancelled" && message == reason) return job.GetProperty("id").GetString();
                summaries.Add($"{job.GetProperty("id").GetString()} {status}{(message is null ? "" : $" ({message})")}");
            }
            seen = string.Join("; ", summaries);
            await Task.Delay(200).ConfigureAwait(false);
        }
        if (seen.Length > 0) await Console.Error.WriteLineAsync($"Jobs seen: {seen}").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Calls a read-only tool and waits for its answer until <paramref name="deadline"/>. No token goes to the SDK: a
    /// request cut off mid-write would garble the next message; the call is left unanswered instead.
    /// </summary>
    private async Task<CallToolResult> LookupAsync(string tool, Dictionary<string, object?> arguments, DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        try
        {
            return await client.CallToolAsync(tool, arguments).AsTask().WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the server did not answer {tool} in time ({LookupLimit.TotalSeconds:0} s).");
        }
    }

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
