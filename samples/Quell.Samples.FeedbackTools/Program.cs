using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quell.Mcp.Hosting;
using Quell.Samples.FeedbackTools;

// The sample MCP tool server of the feedback workflows, over stdio. Standard output carries only the protocol.
var options = FeedbackToolsOptions.Parse(args);
var cancelLog = new CancelLog(options.CancelLog);

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
    // A cancelled call is expected here, not a warning with a stack trace.
    .AddFilter("ModelContextProtocol", LogLevel.Error);
builder.Services.AddSingleton(options).AddSingleton(cancelLog).AddSingleton<FeedbackScan>();
builder.Services
    .AddMcpServer(server => server.ServerInfo = new() { Name = "quell-feedback-tools", Version = "1.0.0" })
    // Standard input and output, with every message written whole even when a cancel fires mid-write (see
    // WholeLineOutputStream: the SDK's stdio transport could leave half a line, and the client lost the next message).
    .WithStreamServerTransport(Console.OpenStandardInput(), new WholeLineOutputStream(Console.OpenStandardOutput()))
    .WithTools<FeedbackTools>()
    .WithMessageFilters(filters => filters.AddIncomingFilter(cancelLog.Filter));

await builder.Build().RunAsync().ConfigureAwait(false);
