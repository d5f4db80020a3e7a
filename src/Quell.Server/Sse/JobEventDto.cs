using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Events;

namespace Quell.Server.Sse;

/// <summary>The <c>data:</c> of one Server-Sent Event: a stored event, or live progress with <c>seq</c> 0.</summary>
public sealed record JobEventDto(
    long Seq,
    string JobId,
    string Type,
    DateTimeOffset Time,
    JsonElement Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ElementId)
{
    /// <summary>The document for an event.</summary>
    public static JobEventDto From(JobEvent e) => new(e.Seq, e.JobId, e.Type, e.Time, e.Data, e.RunId, e.ElementId);
}
