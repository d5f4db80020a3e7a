namespace Quell.Cli.Hosting;

/// <summary>
/// Where the sample workflows are: copied next to quell.dll by the build (so an installed or freshly built quell
/// finds them), else <c>samples/workflows</c> under the working directory (a clone's root).
/// </summary>
internal static class SampleWorkflows
{
    public static string? Find()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "samples", "workflows"),
            Path.Combine(Directory.GetCurrentDirectory(), "samples", "workflows"),
        ];
        return candidates.FirstOrDefault(Directory.Exists);
    }
}
