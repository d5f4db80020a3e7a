using System.Text.Json.Serialization;

namespace Quell.Workflows.Agui;

/// <summary>
/// One AG-UI event. Serialized through <see cref="AguiJsonContext"/> as the base type, <c>type</c> comes first and
/// is the AG-UI spelling; optional fields are omitted when unset, never written as <c>null</c> (the client rejects
/// or warns about nulls).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStartedEvent), AguiEventTypes.RunStarted)]
[JsonDerivedType(typeof(RunFinishedEvent), AguiEventTypes.RunFinished)]
[JsonDerivedType(typeof(RunErrorEvent), AguiEventTypes.RunError)]
[JsonDerivedType(typeof(StepStartedEvent), AguiEventTypes.StepStarted)]
[JsonDerivedType(typeof(StepFinishedEvent), AguiEventTypes.StepFinished)]
[JsonDerivedType(typeof(TextMessageStartEvent), AguiEventTypes.TextMessageStart)]
[JsonDerivedType(typeof(TextMessageContentEvent), AguiEventTypes.TextMessageContent)]
[JsonDerivedType(typeof(TextMessageEndEvent), AguiEventTypes.TextMessageEnd)]
[JsonDerivedType(typeof(ToolCallStartEvent), AguiEventTypes.ToolCallStart)]
[JsonDerivedType(typeof(ToolCallArgsEvent), AguiEventTypes.ToolCallArgs)]
[JsonDerivedType(typeof(ToolCallEndEvent), AguiEventTypes.ToolCallEnd)]
[JsonDerivedType(typeof(ToolCallResultEvent), AguiEventTypes.ToolCallResult)]
[JsonDerivedType(typeof(StateSnapshotEvent), AguiEventTypes.StateSnapshot)]
[JsonDerivedType(typeof(MessagesSnapshotEvent), AguiEventTypes.MessagesSnapshot)]
[JsonDerivedType(typeof(CustomEvent), AguiEventTypes.Custom)]
public abstract record AguiEvent
{
    /// <summary>The AG-UI event type (<see cref="AguiEventTypes"/>); written as the <c>type</c> discriminator.</summary>
    [JsonIgnore]
    public string Type => EventType;

    /// <summary>The AG-UI event type each event class stands for.</summary>
    private protected abstract string EventType { get; }

    /// <summary>When the Quell event behind this one happened, in Unix milliseconds (an integer, as AG-UI requires).</summary>
    public long? Timestamp { get; init; }
}
