using System.Text.Json;
using Quell.Events;
using Quell.Jobs;

namespace Quell.Core.Tests.Runtime;

/// <summary>Caller-chosen ids, parent jobs, and events a handler or an outside caller adds to a history.</summary>
public sealed class JobIdentityAndEventsTests
{
    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    [Fact]
    public async Task A_chosen_id_is_used_once_and_a_second_submission_with_it_is_refused()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var first = await quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Json(new { }), "alice", Id: "run-42"));
        Assert.Equal("run-42", first.Id);

        var again = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Json(new { }), "bob", Id: "run-42")));
        Assert.Equal(JobSubmissionError.DuplicateId, again.Error);
        Assert.Equal("alice", (await quell.Jobs.GetAsync("run-42", "alice"))!.Owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    public async Task A_malformed_id_is_refused(string id)
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var refused = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Json(new { }), "alice", Id: id)));
        Assert.Equal(JobSubmissionError.InvalidId, refused.Error);
    }

    [Fact]
    public async Task A_child_names_its_parent_and_only_the_parents_owner_may_add_children()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var parent = await quell.SubmitAsync(TestJobs.Noop, new EmptyInput());
        var child = await quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Json(new { }), "alice", ParentId: parent.Id));

        Assert.Equal(parent.Id, (await quell.Jobs.GetAsync(child.Id, "alice"))!.ParentId);
        var created = (await quell.EventsAsync(child.Id))[0];
        Assert.Equal(parent.Id, created.Data.GetProperty("parentId").GetString());
        var foreign = await Assert.ThrowsAsync<JobSubmissionException>(() =>
            quell.Jobs.SubmitAsync(new JobSubmission(TestJobs.Noop, Json(new { }), "mallory", ParentId: parent.Id)));
        Assert.Equal(JobSubmissionError.UnknownParent, foreign.Error);
    }

    [Fact]
    public async Task Emitted_events_are_durable_in_order_with_the_jobs_log_lines_and_before_its_terminal_event()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Emit, new StepsInput(20, 0));
        await quell.WaitForEndAsync(job.Id);

        var events = await quell.EventsAsync(job.Id);
        var relevant = events.Where(e => e.Type is "test.step" or JobEventTypes.Log).ToList();
        Assert.Equal(40, relevant.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(JobEventTypes.Log, relevant[2 * i].Type);
            Assert.Equal("test.step", relevant[(2 * i) + 1].Type);
            Assert.Equal(i + 1, relevant[(2 * i) + 1].Data.GetProperty("step").GetInt32());
        }
        Assert.True(events.FindLastIndex(e => e.Type == "test.step") < events.FindIndex(e => JobEventTypes.IsTerminal(e.Type)));
    }

    [Fact]
    public async Task An_outside_event_reaches_the_owners_job_and_watchers_but_not_a_foreign_or_reserved_one()
    {
        await using var quell = await RuntimeFixture.StartAsync();
        var job = await quell.SubmitAsync(TestJobs.Wait, new EmptyInput());
        await quell.WaitForStatusAsync(job.Id, JobStatus.Running);
        using var watchLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = Task.Run(async () =>
        {
            await foreach (var e in quell.Jobs.WatchAsync(job.Id, "alice", 0, false, watchLimit.Token))
            {
                if (e.Type == "test.note") return e;
            }
            return null;
        });

        Assert.False(await quell.Jobs.AppendEventAsync(job.Id, "mallory", "test.note", Json(new { by = "mallory" })));
        Assert.True(await quell.Jobs.AppendEventAsync(job.Id, "alice", "test.note", Json(new { by = "alice" })));
        await Assert.ThrowsAsync<ArgumentException>(() => quell.Jobs.AppendEventAsync(job.Id, "alice", JobEventTypes.Completed, Json(new { })));

        var note = await seen;
        Assert.Equal("alice", note!.Data.GetProperty("by").GetString());
        Assert.Single(await quell.EventsAsync(job.Id), e => e.Type == "test.note");
        await quell.Jobs.CancelAsync(job.Id, new CancelRequest("alice", Quell.Cancellation.CancellationReason.UserRequested, "done"));
    }
}
