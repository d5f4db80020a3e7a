using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Events;

namespace Quell.Cli.Client;

/// <summary>The <c>data:</c> of one Server-Sent Event from <c>GET /api/jobs/{id}/events</c>; live progress has seq 0.</summary>
internal sealed record EventDocument(
    long Seq,
    string JobId,
    string Type,
    DateTimeOffset Time,
    JsonElement Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ElementId)
{
    public static EventDocument From(JobEvent e) => new(e.Seq, e.JobId, e.Type, e.Time, e.Data, e.RunId, e.ElementId);
}
