using System.Text.Json;

namespace Quell.Events;

/// <summary>An event to append; the store assigns its sequence number.</summary>
public sealed record NewJobEvent(string JobId, string Type, DateTimeOffset Time, JsonElement Data);
