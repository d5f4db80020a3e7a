// Stand-ins for APIs that are being built on other branches, so that the CLI compiles and its wiring is final.
// DELETE THIS FILE when `git merge main` brings them (the real types then take over with no other change):
//   - Quell.Hosting.QuellBuilder.AddCsvAnalyze()   (csv.analyze job)
//   - Quell.Csv.DemoCsv.WriteAsync(...)             (csv.analyze job)
//   - Quell.Server.QuellServer / QuellServerOptions (src/Quell.Server)
#pragma warning disable CA1812, IDE0060, CA1002
using Microsoft.AspNetCore.Builder;

namespace Quell.Hosting
{
    internal static class NotYetLandedQuellBuilderExtensions
    {
        public static QuellBuilder AddCsvAnalyze(this QuellBuilder builder) =>
            throw new NotSupportedException("The csv.analyze job has not landed yet.");
    }
}

namespace Quell.Csv
{
    internal static class DemoCsv
    {
        public static Task WriteAsync(string path, long rows, int seed = 42, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Quell.Csv.DemoCsv has not landed yet.");
    }
}

namespace Quell.Server
{
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
}
