using System.Text.Json;

namespace Quell.Events;

/// <summary>
/// One entry of the append-only history. <see cref="Seq"/> orders events across the whole store;
/// a transient event (live progress between persisted ones) has <see cref="Seq"/> 0 and is never stored.
/// </summary>
public sealed record JobEvent(
    long Seq,
    string JobId,
    string Type,
    DateTimeOffset Time,
    JsonElement Data,
    string? RunId = null,
    string? ElementId = null)
{
    /// <summary>True for live-only events that were not written to the store.</summary>
    public bool IsTransient => Seq == 0;
}
