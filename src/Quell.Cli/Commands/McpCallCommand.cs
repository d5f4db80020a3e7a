using System.CommandLine;
using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using Quell.Cli.McpCalls;
using Quell.Cli.Rendering;
using Quell.Mcp.Client;
using Spectre.Console;

namespace Quell.Cli.Commands;

/// <summary>
/// <c>quell mcp call (--command "CMD ARGS" | --url URL [--api-key KEY]) TOOL [--args JSON] [--timeout S]</c>: calls one
/// tool of an MCP server with a progress bar; Ctrl+C sends <c>notifications/cancelled</c>. Exit codes: 0 done, 1 tool
/// error, 2 usage (bad --args), 124 timed out, 130 Ctrl+C.
/// </summary>
internal static class McpCallCommand
{
    public static Command Create()
    {
        var tool = new Argument<string>("TOOL") { Description = "The tool to call, e.g. analyze_csv." };
        var command = new Option<string?>("--command") { Description = "Start this MCP server and talk to it over stdio, e.g. \"quell mcp --data DIR\".", HelpName = "CMD ARGS" };
        var url = new Option<Uri?>("--url")
        {
            Description = "Talk to this Streamable HTTP endpoint, e.g. http://127.0.0.1:5080/mcp.",
            HelpName = "URL",
            // System.CommandLine has no parser for Uri: without this every --url failed with an unhandled exception.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"--url must be an http(s) URL such as http://127.0.0.1:5080/mcp; got '{text}'.");
                return null;
            },
        };
        var apiKey = CliOptions.ApiKey();
        var args = new Option<string?>("--args") { Description = "The tool's arguments, a JSON object.", HelpName = "JSON" };
        var timeout = new Option<double?>("--timeout") { Description = "Cancel the call (reason timeout) after this many seconds; exit 124.", HelpName = "S" };
        var idle = new Option<double?>("--idle-timeout") { Description = "Cancel the call when no progress came for this many seconds; exit 124.", HelpName = "S" };
        var call = new Command("call", "Call one tool of an MCP server with a progress bar; Ctrl+C cancels the call.")
        {
            tool, command, url, apiKey, args, timeout, idle,
        };
        call.Validators.Add(result =>
        {
            // Presence, not value: reading a --url that failed to parse would throw instead of reporting its error.
            if ((result.GetResult(command) is null) == (result.GetResult(url) is null)) result.AddError("Give exactly one of --command and --url.");
            if (result.GetValue(timeout) is <= 0 || result.GetValue(idle) is <= 0) result.AddError("Timeouts are a positive number of seconds.");
        });
        call.SetAction(async (parseResult, cancellationToken) =>
        {
            var arguments = ParseArguments(parseResult.GetValue(args));
            var options = new McpOperationOptions
            {
                MaxDuration = Seconds(parseResult.GetValue(timeout)),
                IdleTimeout = Seconds(parseResult.GetValue(idle)),
            };
            var stderr = new ConcurrentQueue<string>();
            var client = await ConnectAsync(parseResult.GetValue(command), parseResult.GetValue(url),
                parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(CliOptions.ApiKeyVariable), stderr, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                var session = new McpCallSession(client, AnsiConsole.Console, Output.IsInteractive);
                return await session.RunAsync(parseResult.GetValue(tool)!, arguments, options).ConfigureAwait(false);
            }
        });
        return call;
    }

    private static JsonElement? ParseArguments(string? json)
    {
        if (json is null) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new CliException($"--args must be a JSON object, such as '{{\"paths\": [\"a.csv\"]}}'; got a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.", ExitCodes.Usage);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException($"--args is not valid JSON: {e.Message}", ExitCodes.Usage);
        }
    }

    private static async Task<McpClient> ConnectAsync(
        string? commandLine, Uri? url, string? apiKey, ConcurrentQueue<string> stderr, CancellationToken cancellationToken)
    {
        try
        {
            if (url is not null) return await McpClientConnector.ConnectHttpAsync(url, apiKey, cancellationToken).ConfigureAwait(false);
            var words = CommandLineSplitter.Split(commandLine!);
            // The connector starts the server in its own session: Ctrl+C is ours to turn into notifications/cancelled,
            // and a Quell server would otherwise stop its jobs as a shutdown instead.
            return await McpClientConnector.ConnectStdioAsync(words[0], [.. words.Skip(1)], stderr.Enqueue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not CliException and not OperationCanceledException)
        {
            var detail = stderr.IsEmpty ? "" : $"\n{string.Join('\n', stderr.TakeLast(10))}";
            throw new CliException($"Cannot connect to the MCP server: {e.Message}{detail}");
        }
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
