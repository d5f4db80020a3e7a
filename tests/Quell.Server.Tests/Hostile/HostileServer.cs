using System.Net;
using System.Text;
using System.Text.Json;
using Quell.Server.Tests.Support;
using Quell.Server.Tests.Workflows;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// One server per hostile test class, with a trivial workflow and a finished job to aim at, and the check every
/// class ends with: after all that input the server still answers and still runs jobs.
/// </summary>
public sealed class HostileServer : IAsyncLifetime
{
    public const string WorkflowId = "tiny";

    public const string TinyWorkflow = """
        id: tiny
        name: Tiny
        elements:
          - id: start
            type: StartEvent
          - id: end
            type: EndEvent
        flows:
          - { source: start, target: end }
        """;

    private RunningServer _server = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A job that has completed, so cancels of it reach the 409 path.</summary>
    public string FinishedJobId { get; private set; } = "";

    /// <summary>A run of <see cref="WorkflowId"/> that has completed.</summary>
    public string FinishedRunId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        // Header values go out as UTF-8 bytes, so non-ASCII headers reach the server instead of failing in the client.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        Client = new HttpClient(handler) { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var put = await Client.PutAsync($"/api/workflows/{WorkflowId}", TestWorkflows.Yaml(TinyWorkflow));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        FinishedJobId = (await RunNormalJobAsync()).Id();
        var run = await Client.StartRunAsync(WorkflowId);
        FinishedRunId = run.GetProperty("runId").GetString()!;
        await Client.WaitForEndAsync(FinishedRunId);
    }

    /// <summary>Healthy, and an ordinary job still goes from submit to completed.</summary>
    public async Task AssertStillHealthyAsync()
    {
        using var health = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var job = await RunNormalJobAsync();
        Assert.Equal("completed", job.Status());
    }

    private async Task<JsonElement> RunNormalJobAsync()
    {
        var job = await Client.SubmitAsync(TestJobs.Sleep, new { steps = 2, delayMs = 1 });
        return await Client.WaitForStatusAsync(job.Id(), "completed", "failed", "cancelled");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
