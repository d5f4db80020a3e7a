using System.Text.Json;
using Quell.Workflows.Agui;

namespace Quell.Workflows.Tests.Agui;

public sealed class AguiWireFormatTests
{
    public static TheoryData<string> Runs => [.. SampleRuns.All.Keys];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_event_has_its_type_first_camelCase_fields_an_integer_timestamp_and_no_null_field(string run)
    {
        var history = SampleRuns.All[run].Events;
        var snapshot = AguiSnapshot.Build(history.Take(history.Count / 2)).Events;
        foreach (var e in AguiProjector.ProjectAll(history).Concat(snapshot))
        {
            var json = AguiWire.Json(e);
            using var document = JsonDocument.Parse(json);
            var properties = document.RootElement.EnumerateObject().ToList();
            Assert.Equal("type", properties[0].Name);
            Assert.Equal(e.Type, properties[0].Value.GetString());
            Assert.All(properties, p => Assert.True(char.IsLower(p.Name[0]), $"{p.Name} in {json}"));
            Assert.True(document.RootElement.GetProperty("timestamp").TryGetInt64(out _), json);
            Assert.DoesNotContain(properties, p => p.Value.ValueKind == JsonValueKind.Null && p.Name != "value");
            if (e is MessagesSnapshotEvent)
            {
                foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
                {
                    Assert.DoesNotContain(message.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null);
                }
            }
        }
    }

    [Fact]
    public void The_AG_UI_names_and_shapes_are_the_ones_the_client_expects()
    {
        var finished = new RunFinishedEvent("t", "r", RunFinishedOutcome.Cancelled) { Timestamp = 1_790_000_000_123 };
        Assert.Equal("""{"type":"RUN_FINISHED","threadId":"t","runId":"r","outcome":{"type":"cancelled"},"timestamp":1790000000123}""", AguiWire.Json(finished));
        Assert.Equal("""{"type":"CUSTOM","name":"task.x","value":null}""", AguiWire.Json(new CustomEvent("task.x", JsonDocument.Parse("null").RootElement)));
        Assert.Equal(
            """{"type":"TOOL_CALL_RESULT","messageId":"c:result","toolCallId":"c","content":"42","role":"tool"}""",
            AguiWire.Json(new ToolCallResultEvent("c:result", "c", "42")));
        Assert.Equal("""{"type":"STEP_STARTED","stepName":"fetch_data"}""", AguiWire.Json(new StepStartedEvent("fetch_data")));
        var message = new MessagesSnapshotEvent([new AguiMessage("a", "assistant") { ToolCalls = [new AguiToolCall("c", new AguiFunctionCall("f", "{}"))] }]);
        Assert.Equal(
            """{"type":"MESSAGES_SNAPSHOT","messages":[{"id":"a","role":"assistant","toolCalls":[{"id":"c","function":{"name":"f","arguments":"{}"},"type":"function"}]}]}""",
            AguiWire.Json(message));
    }

    [Fact]
    public void Events_read_back_from_their_JSON()
    {
        foreach (var e in AguiProjector.ProjectAll(SampleRuns.TaskCancelledMidStream().Events))
        {
            var back = JsonSerializer.Deserialize(AguiWire.Json(e), AguiJsonContext.Default.AguiEvent)!;
            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(AguiWire.Json(e), AguiWire.Json(back));
        }
    }

    [Fact]
    public void A_run_request_from_the_official_client_reads_as_RunAgentInput()
    {
        const string body = """
            {"threadId":"th-1","runId":"run-9","protocolVersion":"1.0","tools":[],"context":[{"description":"d","value":"v"}],
             "forwardedProps":{},"state":{"source":"demo"},"messages":[{"id":"u1","role":"user","content":"Go"}]}
            """;
        var input = JsonSerializer.Deserialize(body, AguiJsonContext.Default.RunAgentInput)!;

        Assert.Equal(("th-1", "run-9", "1.0"), (input.ThreadId, input.RunId, input.ProtocolVersion));
        Assert.Equal("demo", input.State!.Value.GetProperty("source").GetString());
        Assert.Equal("user", input.Messages![0].GetProperty("role").GetString());
        Assert.Single(input.Context!);
    }
}
