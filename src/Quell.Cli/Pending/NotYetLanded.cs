// A stand-in for Quell.Server.QuellServer, which is being built on branch server-api, so that `quell serve` compiles
// with its wiring final. Its names differ from the real ones so that this file never clashes with them.
// When QuellServer lands on main: in Commands/ServeCommand.cs replace `PendingQuellServer.Build` with
// `QuellServer.Build` (and `using Quell.Cli.Pending;` with `using Quell.Server;`), then delete this file.
#pragma warning disable CA1812, IDE0060, CA1002
using Microsoft.AspNetCore.Builder;

namespace Quell.Cli.Pending;

internal sealed class PendingQuellServerOptions
{
    public IList<string> Urls { get; } = new List<string>();
    public string? DataDirectory { get; set; }
    public Action<Quell.Hosting.QuellBuilder>? ConfigureQuell { get; set; }
}

internal static class PendingQuellServer
{
    public static WebApplication Build(string[] args, Action<PendingQuellServerOptions>? configure = null) =>
        throw new CliException("quell serve is not available in this build: Quell.Server has not landed yet.");
}
