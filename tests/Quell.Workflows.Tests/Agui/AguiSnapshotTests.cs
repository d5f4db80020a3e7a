using System.Text.Json.Nodes;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

public sealed class AguiSnapshotTests
{
    public static TheoryData<string> Runs => [.. SampleRuns.All.Keys];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Re_attaching_at_any_point_gives_a_valid_stream_that_ends_with_the_same_messages_and_state_as_the_live_one(string run)
    {
        var history = SampleRuns.All[run].Events;
        var live = AguiClientModel.Apply(AguiProjector.ProjectAll(history));

        for (var cut = 0; cut <= history.Count; cut++)
        {
            var stream = Reattach(history, cut);

            Assert.Empty(AguiSequenceChecker.Violations(stream));
            var attached = AguiClientModel.Apply(stream);
            Assert.True(JsonNode.DeepEquals(live.Messages, attached.Messages), $"cut {cut}: {attached.Messages.ToJsonString()}\nlive: {live.Messages.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(live.State, attached.State), $"cut {cut}");
            Assert.Equal(AguiWire.Json(AguiProjector.ProjectAll(history)[^1]), AguiWire.Json(stream[^1]));
        }
    }

    [Fact]
    public void A_message_streaming_at_the_snapshot_is_in_it_with_its_text_so_far_and_is_reopened_for_the_rest()
    {
        var history = SampleRuns.TaskCancelledMidStream().Events;
        var cut = history.ToList().FindIndex(e => e.Type == "task.cancel.request");

        var snapshot = AguiSnapshot.Build(history.Take(cut));

        Assert.Equal(
            ["RUN_STARTED", "MESSAGES_SNAPSHOT", "STATE_SNAPSHOT", "STEP_STARTED", "STEP_STARTED", "TEXT_MESSAGE_START"],
            snapshot.Events.Select(e => e.Type));
        var message = Assert.Single(((MessagesSnapshotEvent)snapshot.Events[1]).Messages);
        Assert.Equal("Customer sentiment appears generally positive. Key themes identified:\n1. Product quality - mostly satisfied\n", message.Content);
        Assert.Equal("msg-1", ((TextMessageStartEvent)snapshot.Events[^1]).MessageId);
        Assert.Equal(history[cut - 1].Seq, snapshot.LastSeq);
        var next = snapshot.Projector.Project(history[cut + 1]);
        Assert.Equal("2. Customer service - ", Assert.IsType<TextMessageContentEvent>(Assert.Single(next)).Delta);
    }

    [Fact]
    public void The_snapshot_of_an_ended_run_ends_with_its_end_and_the_snapshot_of_one_not_started_is_empty()
    {
        var history = SampleRuns.ToolCancelled().Events;

        var ended = AguiSnapshot.Build(history).Events;
        Assert.Equal(["RUN_STARTED", "MESSAGES_SNAPSHOT", "STATE_SNAPSHOT", "RUN_FINISHED"], ended.Select(e => e.Type));
        var messages = ((MessagesSnapshotEvent)ended[1]).Messages;
        Assert.Equal(8, messages.Count);
        Assert.Equal(["assistant", "tool"], messages.Take(2).Select(m => m.Role));
        Assert.Equal("""{"step":1}""", messages[0].ToolCalls![0].Function.Arguments);
        Assert.Empty(AguiSnapshot.Build(history.Take(2)).Events);
    }

    [Fact]
    public void Live_events_already_in_the_snapshot_are_not_sent_again()
    {
        var history = SampleRuns.Completed().Events;
        var snapshot = AguiSnapshot.Build(history.Take(20));

        // A live subscription that overlaps the history read: the overlap maps to nothing.
        Assert.All(history.Take(20), e => Assert.Empty(snapshot.Projector.Project(e)));
        Assert.NotEmpty(history.Skip(20).SelectMany(snapshot.Projector.Project));
    }

    private static List<AguiEvent> Reattach(IReadOnlyList<Quell.Events.JobEvent> history, int cut)
    {
        var snapshot = AguiSnapshot.Build(history.Take(cut));
        var stream = snapshot.Events.ToList();
        foreach (var e in history.Skip(cut)) stream.AddRange(snapshot.Projector.Project(e));
        return stream;
    }
}
