// Stand-ins for APIs that are being built on other branches, so that the CLI compiles and its wiring is final.
// DELETE THIS FILE when `git merge main` brings them (the real types then take over with no other change):
//   - Quell.Server.QuellServer / QuellServerOptions (src/Quell.Server)
#pragma warning disable CA1812, IDE0060, CA1002
using Microsoft.AspNetCore.Builder;

namespace Quell.Server;

internal sealed class QuellServerOptions
{
    public IList<string> Urls { get; } = new List<string>();
    public string? DataDirectory { get; set; }
    public Action<Quell.Hosting.QuellBuilder>? ConfigureQuell { get; set; }
}

internal static class QuellServer
{
    public static WebApplication Build(string[] args, Action<QuellServerOptions>? configure = null) =>
        throw new NotSupportedException("quell serve needs Quell.Server, which has not landed yet.");
}
