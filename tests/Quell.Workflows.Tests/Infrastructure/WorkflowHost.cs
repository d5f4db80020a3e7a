using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Events;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Workflows.Catalog;
using Quell.Workflows.Engine;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Tests.Infrastructure;

/// <summary>A real runtime on SQLite with workflows added, the sample tools, and helpers to start and watch runs.</summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly bool _keepData;

    private WorkflowHost(RuntimeHost runtime, SampleTools tools, bool keepData)
    {
        Runtime = runtime;
        Tools = tools;
        _keepData = keepData;
    }

    public RuntimeHost Runtime { get; }

    public SampleTools Tools { get; }

    public IJobService Jobs => Runtime.Jobs;

    public WorkflowRuns Runs => Runtime.Host.Services.GetRequiredService<WorkflowRuns>();

    public IWorkflowCatalog Catalog => Runtime.Host.Services.GetRequiredService<IWorkflowCatalog>();

    public string DataDirectory => Runtime.DataDirectory;

    /// <summary>Starts a host; <paramref name="keepData"/> leaves the data directory for a host started after it.</summary>
    public static async Task<WorkflowHost> StartAsync(
        string? dataDirectory = null, bool keepData = false, Action<QuellBuilder>? addJobs = null, TimeSpan? lease = null)
    {
        var tools = await SampleTools.StartAsync();
        var runtime = await RuntimeHost.StartAsync(q =>
        {
            q.Services.AddSingleton<IAgentToolboxFactory>(tools);
            q.AddWorkflows();
            addJobs?.Invoke(q);
            if (lease is { } l) q.Configure(o => o.LeaseDuration = l);
        }, dataDirectory);
        return new WorkflowHost(runtime, tools, keepData);
    }

    public static string SamplePath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Quell.slnx"))) directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "samples", "workflows", name);
    }

    public async Task PutSampleAsync(string id = "feedback-analysis", string file = "feedback-analysis.yaml")
    {
        var format = file.EndsWith(".bpmn", StringComparison.Ordinal) ? WorkflowFormat.Bpmn : WorkflowFormat.Yaml;
        await Catalog.PutAsync(id, await File.ReadAllTextAsync(SamplePath(file)), format);
    }

    public Task<JobRecord> StartAsync(string workflowId, object? variables = null, string owner = "alice", string? runId = null) =>
        Runs.StartAsync(workflowId, JsonSerializer.SerializeToElement(variables ?? new { period = "last week", source = "demo" }), owner, runId);

    /// <summary>Waits (bounded) for the first stored event of the run that matches.</summary>
    public async Task<JobEvent> WaitForEventAsync(string runId, Func<JobEvent, bool> match, string owner = "alice", int seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await foreach (var e in Jobs.WatchAsync(runId, owner, 0, false, timeout.Token))
        {
            if (match(e)) return e;
        }
        throw new InvalidOperationException($"Run {runId} ended without the event the test waited for.");
    }

    public Task<JobEvent> WaitForAsync(string runId, string type, string? elementId = null, string owner = "alice") =>
        WaitForEventAsync(runId, e => e.Type == type && (elementId is null || Str(e.Data, "elementId") == elementId), owner);

    public async Task<JobRecord> WaitForEndAsync(string runId, string owner = "alice", int seconds = 120)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return (await Jobs.WaitForCompletionAsync(runId, owner, timeout.Token))!;
    }

    public async Task<IReadOnlyList<JobEvent>> EventsAsync(string runId, string owner = "alice")
    {
        var all = new List<JobEvent>();
        while (true)
        {
            var page = await Jobs.ReadEventsAsync(runId, owner, all.Count == 0 ? 0 : all[^1].Seq, 1000);
            if (page is null || page.Count == 0) return all;
            all.AddRange(page);
        }
    }

    public static string? Str(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_keepData)
            {
                await Runtime.Host.StopAsync();
                Runtime.Host.Dispose();
            }
            else
            {
                await Runtime.DisposeAsync();
            }
        }
        finally
        {
            await Tools.DisposeAsync();
        }
    }
}
