using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quell.Cli.Hosting;
using Quell.Mcp.Hosting;

namespace Quell.Cli.Commands;

/// <summary>
/// <c>quell mcp [--data DIR]</c>: serves Quell's jobs as MCP tools over stdin/stdout for one client, on the same
/// store as <c>quell jobs --data DIR</c>. Standard output carries only the protocol; logs go to standard error.
/// When the client closes stdin, its running jobs are cancelled (<c>user_requested</c>, "client disconnected");
/// SIGINT/SIGTERM stop the runtime, which cancels them with <c>system_shutdown</c>.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data("The data directory whose store the jobs are recorded in.");
        var command = new Command("mcp", "Serve jobs as MCP tools over standard input and output, for MCP clients.") { data };
        command.Subcommands.Add(McpCallCommand.Create());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var runtime = EmbeddedRuntime.Create(parseResult.GetValue(data)!, ConfigureHost);
            await using (runtime.ConfigureAwait(false))
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                await runtime.StartAsync(stop.Token).ConfigureAwait(false);
                await QuellMcpStdio.RunAsync(runtime.Services, stop.Token).ConfigureAwait(false);
                return ExitCodes.Success;

                void Stop(PosixSignalContext context)
                {
                    // The runtime's shutdown (disposing it, below) cancels running jobs with system_shutdown.
                    context.Cancel = true;
                    stop.Cancel();
                }
            }
        });
        return command;
    }

    private static void ConfigureHost(HostApplicationBuilder builder)
    {
        // Standard output is the protocol channel: every log line goes to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Quell.Mcp", LogLevel.Information); // cancellations and their reasons
        builder.Services.AddQuellMcpServer().WithWorkflowTools();
    }
}
