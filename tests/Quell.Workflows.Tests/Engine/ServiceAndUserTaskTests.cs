using System.Text.Json;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;
using Quell.Workflows.Tests.Infrastructure;

namespace Quell.Workflows.Tests.Engine;

/// <summary>Service tasks run as child jobs; user tasks wait for input given through the runs service.</summary>
public sealed class ServiceAndUserTaskTests
{
    private const string Owner = "alice";
    private const string Echo = "test.echo";

    [Fact]
    public async Task A_service_task_runs_a_child_job_and_a_user_task_takes_its_input_through_the_runs_service()
    {
        await using var host = await WorkflowHost.StartAsync(addJobs: q => q.AddJob<JsonElement, JsonElement, EchoJob>(Echo));
        await host.Catalog.PutAsync("service-user", TestWorkflows.ServiceThenUser(Echo), WorkflowFormat.Yaml);
        var run = await host.StartAsync("service-user", new { customer = "ACME" });

        var waiting = await host.WaitForAsync(run.Id, WorkflowEventTypes.UserTaskWaiting, "approve");
        Assert.Equal("Approve for ACME?", WorkflowHost.Str(waiting.Data, "prompt"));
        Assert.Equal(UserTaskCompletion.NotWaiting, await host.Runs.CompleteUserTaskAsync(run.Id, "job", default, Owner));
        var input = JsonSerializer.SerializeToElement(new { approved = true });
        Assert.Equal(UserTaskCompletion.Completed, await host.Runs.CompleteUserTaskAsync(run.Id, "approve", input, Owner));
        Assert.Equal(UserTaskCompletion.RunNotFound, await host.Runs.CompleteUserTaskAsync(run.Id, "approve", input, "mallory"));

        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Completed, done.Status);
        var view = (await host.Runs.GetAsync(run.Id, Owner))!;
        var job = view.Elements.Single(e => e.ElementId == "job");
        Assert.Equal("for ACME", job.Output!.Value.GetProperty("text").GetString());
        var child = (await host.Jobs.GetAsync(job.ChildJobId!, Owner))!;
        Assert.Equal(run.Id, child.ParentId);
        Assert.Equal(Echo, child.Type);
        Assert.True(view.Elements.Single(e => e.ElementId == "approve").Output!.Value.GetProperty("approved").GetBoolean());
        Assert.Equal("success", done.Result!.Value.GetProperty("outcome").GetString());
        // Progress is elements finished out of elements reachable: start, job, approve, end.
        Assert.Equal(4, done.Progress!.Total);
        Assert.Equal(4, done.Progress.Current);
    }

    [Fact]
    public async Task Cancelling_a_service_task_cancels_its_child_job_and_records_task_cancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        await host.Catalog.PutAsync("service-user", TestWorkflows.ServiceThenUser(RuntimeHost.Hold), WorkflowFormat.Yaml);
        var run = await host.StartAsync("service-user", new { customer = "ACME" });
        var started = await host.WaitForAsync(run.Id, WorkflowEventTypes.TaskCancellable, "job");

        var outcome = await host.Runs.CancelElementAsync(run.Id, "job", Owner, message: "Not needed");
        Assert.Equal(ElementCancelOutcomeKind.Requested, outcome.Kind);

        var done = await host.WaitForEndAsync(run.Id);
        Assert.Equal(JobStatus.Failed, done.Status);
        var view = (await host.Runs.GetAsync(run.Id, Owner))!;
        var job = view.Elements.Single(e => e.ElementId == "job");
        Assert.Equal("cancelled", job.Status);
        var child = (await host.Jobs.GetAsync(job.ChildJobId!, Owner))!;
        Assert.Equal(JobStatus.Cancelled, child.Status);
        Assert.Equal("Not needed", child.Cancellation!.Message);
        Assert.DoesNotContain(view.Elements, e => e.ElementId == "approve");
    }

    [Fact]
    public async Task More_runs_than_the_nodes_slots_each_waiting_on_a_service_task_all_finish()
    {
        // Runs have slots of their own: with runs in the node's two slots, two runs would each wait for ever on a
        // child job that has no slot left to run in.
        const int Runs = 6;
        await using var host = await WorkflowHost.StartAsync(addJobs: q => q
            .AddJob<JsonElement, JsonElement, EchoJob>(Echo)
            .Configure(o => o.MaxConcurrency = 2));
        await host.Catalog.PutAsync("service-only", $$$"""
            id: service-only
            elements:
              - { id: start, type: StartEvent }
              - { id: job, type: ServiceTask, properties: { jobType: {{{Echo}}}, input: { text: "for {{ customer }}" } } }
              - { id: end, type: EndEvent, properties: { outcome: success } }
            flows:
              - { id: f1, source: start, target: job }
              - { id: f2, source: job, target: end }
            """, WorkflowFormat.Yaml);
        var runs = new List<JobRecord>();
        for (var i = 0; i < Runs; i++) runs.Add(await host.StartAsync("service-only", new { customer = $"C{i}" }));

        foreach (var run in runs)
        {
            var done = await host.WaitForEndAsync(run.Id);
            Assert.True(done.Status == JobStatus.Completed, $"{run.Id}: {done.Status} {done.Error}");
        }
    }

    [Fact]
    public async Task Unknown_runs_and_workflows_are_reported_as_such()
    {
        await using var host = await WorkflowHost.StartAsync();
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => host.StartAsync("nope"));
        Assert.Null(await host.Runs.GetAsync("nope", Owner));
        Assert.Null(await host.Runs.ReplayAsync("nope", Owner));
        Assert.Null(await host.Runs.CancelRunAsync("nope", Owner));
        Assert.Equal(ElementCancelOutcomeKind.RunNotFound, (await host.Runs.CancelElementAsync("nope", "x", Owner)).Kind);
        // A job that is not a run is not a run.
        var held = await host.Runtime.StartHeldJobAsync();
        Assert.Null(await host.Runs.GetAsync(held.Id, Owner));
        await host.Jobs.CancelAsync(held.Id, new CancelRequest(Owner));
    }

    private sealed class EchoJob : IJobHandler<JsonElement, JsonElement>
    {
        public Task<JsonElement> ExecuteAsync(JsonElement input, IJobContext context) => Task.FromResult(input);
    }
}
