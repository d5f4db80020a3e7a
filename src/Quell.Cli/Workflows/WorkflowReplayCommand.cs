using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Cli.Commands;
using Quell.Cli.Hosting;
using Quell.Cli.Rendering;
using Quell.Workflows.Runs;
using Spectre.Console;

namespace Quell.Cli.Workflows;

/// <summary>
/// <c>quell workflow replay RUN_ID [--data DIR | --server URL] [--json]</c>: the run's timeline and final state,
/// rebuilt from its stored events alone. With --data the store is opened read-only (it works beside a running server).
/// </summary>
internal static class WorkflowReplayCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run to replay." };
        var data = CliOptions.Data("The data directory whose store to read when no --server is given.");
        var server = CliOptions.Server();
        var apiKey = CliOptions.ApiKey();
        var json = CliOptions.Json("Print the replay ({timeline, run}) as JSON.");
        var command = new Command("replay", "Print a run's timeline and elements, rebuilt from its events alone.")
        {
            runId, data, server, apiKey, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = parseResult.GetValue(runId)!;
            var replay = parseResult.GetValue(server) is { } url
                ? await FromServerAsync(url, parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(CliOptions.ApiKeyVariable), id, cancellationToken).ConfigureAwait(false)
                : await FromStoreAsync(parseResult.GetValue(data)!, id, cancellationToken).ConfigureAwait(false);
            if (replay is null) throw new CliException($"No run '{id}'.");
            if (parseResult.GetValue(json)) Output.WriteJson(System.Text.Json.JsonSerializer.Serialize(replay, WorkflowJson.Options));
            else Write(replay);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<RunReplay?> FromStoreAsync(string dataDirectory, string runId, CancellationToken cancellationToken)
    {
        // Reading must not create a store where there was none (a mistyped --data would look like "no run").
        if (!Directory.Exists(dataDirectory)) throw new CliException($"There is no Quell data directory at '{dataDirectory}'.");
        var runtime = EmbeddedRuntime.Create(dataDirectory, readOnly: true);
        await using (runtime.ConfigureAwait(false))
        {
            runtime.OpenStore();
            // As an operator on the store: every owner's runs.
            return await runtime.Services.GetRequiredService<WorkflowRuns>().ReplayAsync(runId, owner: null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RunReplay?> FromServerAsync(Uri server, string? apiKey, string runId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.GetAsync($"api/runs/{Uri.EscapeDataString(runId)}/replay", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new CliException($"The server answered {(int)response.StatusCode}: {body}");
        }
        return await response.Content.ReadFromJsonAsync<RunReplay>(WorkflowJson.Options, cancellationToken).ConfigureAwait(false);
    }

    private static void Write(RunReplay replay)
    {
        var console = AnsiConsole.Console;
        foreach (var entry in replay.Timeline)
        {
            var element = entry.ElementId is null ? "" : $" [{entry.ElementId}]";
            var summary = entry.Summary == entry.Type ? "" : " " + entry.Summary; // runtime events summarise as their type
            console.Profile.Out.Writer.WriteLine(
                $"{entry.Seq,5} {entry.Time.UtcDateTime:HH:mm:ss.fff} {entry.Type}{element}{summary}");
        }
        RunSummaryRenderer.Write(console, replay.Run, null);
    }
}
