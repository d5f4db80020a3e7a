using Microsoft.Data.Sqlite;
using Quell.Agents.Events;
using Quell.Events;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Engine;

/// <summary>A run left running by a dead process resumes from its own history on the next start.</summary>
public sealed class ResumeTests
{
    private const string Owner = "alice";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_run_interrupted_mid_task_resumes_without_re_executing_finished_elements()
    {
        var crashed = Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));
        string runId;
        await using (var first = await WorkflowHost.StartAsync(lease: Lease))
        {
            await first.Catalog.PutAsync("chain", TestWorkflows.Chain(tokens: 60, tokensPerSecond: 20), WorkflowFormat.Yaml);
            var run = await first.StartAsync("chain");
            runId = run.Id;
            var deltas = 0;
            await first.WaitForEventAsync(runId, e => e.Type == AgentEventTypes.MessageDelta && WorkflowHost.Str(e.Data, "elementId") == "second" && ++deltas >= 10);
            // A consistent copy of the database taken now is exactly what a process killed now leaves on disk.
            Directory.CreateDirectory(crashed);
            await SnapshotAsync(Path.Combine(first.DataDirectory, "quell.db"), Path.Combine(crashed, "quell.db"));
        }

        await using var second = await WorkflowHost.StartAsync(crashed, lease: Lease);
        var done = await second.WaitForEndAsync(runId);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(2, done.Attempt);
        var events = await second.EventsAsync(runId);
        Assert.Contains(events, e => e.Type == JobEventTypes.Requeued);
        Assert.Equal(1, Starts(events, "first"));
        Assert.Equal(2, Starts(events, "second"));
        Assert.Equal(1, Starts(events, "third"));
        Assert.Single(events, e => e.Type == WorkflowEventTypes.RunStarted);
        var view = (await second.Runs.GetAsync(runId, Owner))!;
        Assert.Equal("success", view.Outcome);
        Assert.All(view.Elements, e => Assert.Equal("completed", e.Status));
        Assert.DoesNotContain(view.Messages, m => m.Status == "streaming");
        var outputs = done.Result!.Value.GetProperty("outputs");
        Assert.Equal("completed", outputs.GetProperty("first").GetProperty("status").GetString());
        Assert.Equal("completed", outputs.GetProperty("third").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_task_cancelled_just_before_the_crash_stays_cancelled_after_the_resume()
    {
        var crashed = Path.Combine(Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));
        string runId;
        await using (var first = await WorkflowHost.StartAsync(lease: Lease))
        {
            await first.Catalog.PutAsync("chain", TestWorkflows.Chain(tokens: 60, tokensPerSecond: 20), WorkflowFormat.Yaml);
            var run = await first.StartAsync("chain");
            runId = run.Id;
            await first.WaitForAsync(runId, AgentEventTypes.MessageDelta, "second");
            var cancel = await first.Runs.CancelElementAsync(runId, "second", Owner);
            Assert.Equal(Quell.Workflows.Runs.ElementCancelOutcomeKind.Requested, cancel.Kind);
            // The copy holds the request, and maybe the task's stop: either way the resumed run must honour it.
            Directory.CreateDirectory(crashed);
            await SnapshotAsync(Path.Combine(first.DataDirectory, "quell.db"), Path.Combine(crashed, "quell.db"));
        }

        await using var second = await WorkflowHost.StartAsync(crashed, lease: Lease);
        var done = await second.WaitForEndAsync(runId);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal("Task second was cancelled", done.Error);
        var events = await second.EventsAsync(runId);
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelled && WorkflowHost.Str(e.Data, "elementId") == "second");
        Assert.Single(events, e => e.Type == WorkflowEventTypes.TaskCancelRequest);
        Assert.Equal(0, Starts(events, "third"));
        Assert.Equal(1, Starts(events, "first"));
        Assert.Equal("cancelled", (await second.Runs.GetAsync(runId, Owner))!.Elements.Single(e => e.ElementId == "second").Status);
    }

    private static int Starts(IEnumerable<JobEvent> events, string elementId) =>
        events.Count(e => e.Type == WorkflowEventTypes.ElementStarted && WorkflowHost.Str(e.Data, "elementId") == elementId);

    private static async Task SnapshotAsync(string database, string copy)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $copy";
        command.Parameters.AddWithValue("$copy", copy);
        await command.ExecuteNonQueryAsync();
    }
}
