using Quell.Workflows.Catalog;
using Quell.Workflows.Loading;
using Quell.Workflows.Model;
using Quell.Workflows.Tests.Engine;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Catalog;

public sealed class FileWorkflowCatalogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"), "workflows");

    [Fact]
    public async Task A_put_workflow_is_served_back_verbatim_and_listed()
    {
        var catalog = new FileWorkflowCatalog(_directory);
        var text = "# a comment the catalog keeps\n" + TestWorkflows.Single(3, 100, cancellable: true);

        await catalog.PutAsync("single", text, WorkflowFormat.Yaml);

        var stored = (await catalog.GetAsync("single"))!;
        Assert.Equal(text, stored.Text);
        Assert.Equal(WorkflowFormat.Yaml, stored.Format);
        Assert.Equal("Single", stored.Definition.Name);
        var listed = Assert.Single(await catalog.ListAsync());
        Assert.Equal("single", listed.Id);
        Assert.Equal([".yaml"], Directory.GetFiles(_directory).Select(Path.GetExtension));
    }

    [Fact]
    public async Task A_workflow_put_again_in_the_other_format_replaces_the_first()
    {
        var catalog = new FileWorkflowCatalog(_directory);
        await catalog.PutAsync("feedback", await File.ReadAllTextAsync(WorkflowHost.SamplePath("feedback-analysis.yaml")), WorkflowFormat.Yaml);
        var bpmn = await File.ReadAllTextAsync(WorkflowHost.SamplePath("feedback-analysis.bpmn"));

        await catalog.PutAsync("feedback", bpmn, WorkflowFormat.Bpmn);

        var stored = (await catalog.GetAsync("feedback"))!;
        Assert.Equal(WorkflowFormat.Bpmn, stored.Format);
        Assert.Equal(bpmn, stored.Text);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_broken_file_is_refused_and_nothing_is_written()
    {
        var catalog = new FileWorkflowCatalog(_directory);
        var good = TestWorkflows.Single(3, 100, cancellable: true);
        await catalog.PutAsync("single", good, WorkflowFormat.Yaml);

        var error = await Assert.ThrowsAsync<WorkflowLoadException>(() =>
            catalog.PutAsync("single", good.Replace("target: end", "target: nowhere", StringComparison.Ordinal), WorkflowFormat.Yaml));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.Equal(good, (await catalog.GetAsync("single"))!.Text);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    public async Task Ids_follow_the_job_id_rule(string id)
    {
        var catalog = new FileWorkflowCatalog(_directory);
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.PutAsync(id, TestWorkflows.Single(3, 100, true), WorkflowFormat.Yaml));
        Assert.Null(await catalog.GetAsync(id));
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFileSystemEntries(_directory).Any());
    }

    [Fact]
    public async Task The_samples_load_and_an_unknown_id_reads_as_null()
    {
        var catalog = new FileWorkflowCatalog(_directory);

        var report = await catalog.LoadSamplesAsync(Path.GetDirectoryName(WorkflowHost.SamplePath("feedback-analysis.yaml"))!);

        Assert.Contains("feedback-analysis", report.Loaded);
        Assert.Empty(report.Skipped);
        Assert.NotNull(await catalog.GetAsync("feedback-analysis"));
        Assert.Null(await catalog.GetAsync("missing"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
