using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

public sealed class SampleWorkflowsTests
{
    [Fact]
    public async Task The_server_loads_the_workflow_directories_it_is_given_at_start()
    {
        var samples = Path.Combine(RepositoryRoot(), "samples", "workflows");
        await using var server = await RunningServer.StartAsync(options => options.WorkflowDirectories.Add(samples));
        using var client = server.Client();

        var list = await JsonGet.GetFromJsonElementAsync(client, "/api/workflows");
        var ids = list.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();
        Assert.Contains("feedback-analysis", ids);
        // The same workflow in the other format is kept beside it (which format gets the plain id is the catalog's rule).
        Assert.Contains(ids, id => id is "feedback-analysis-bpmn" or "feedback-analysis-yaml");
        using var text = await client.GetAsync("/api/workflows/feedback-analysis");
        Assert.True(text.IsSuccessStatusCode);
        var file = text.Content.Headers.ContentType?.MediaType == "application/yaml" ? "feedback-analysis.yaml" : "feedback-analysis.bpmn";
        Assert.Equal(File.ReadAllText(Path.Combine(samples, file)), await text.Content.ReadAsStringAsync());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Quell.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("Quell.slnx not found above the test directory.");
    }
}
