namespace Quell.Workflows.Tests.Samples;

/// <summary>Where the sample feedback tool server's build output is (the test project builds it).</summary>
public static class SampleToolServer
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Dll => Path.Combine(RepositoryRoot, "samples", "bin", "FeedbackTools", "Quell.Samples.FeedbackTools.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quell.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Quell.slnx not found above the test's directory.");
    }
}
