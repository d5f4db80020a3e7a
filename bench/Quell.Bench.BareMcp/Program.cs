using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Quell.Bench.BareMcp;

// A minimal stdio MCP server: the SDK's hosting and one [McpServerTool]. Standard output is the protocol channel,
// so the only logs (warnings) go to standard error, beside the cancel probe's lines.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services
    .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "quell-bench-bare", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools<BareCsvTool>();
await builder.Build().RunAsync().ConfigureAwait(false);
