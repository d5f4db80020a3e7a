using System.Text.Json;
using Quell.Cancellation;
using Quell.Results;

namespace Quell.Events;

// The data of each event type, as it is stored and sent. Tiny records kept together because they are one schema.

internal sealed record CreatedPayload(string Type, string Owner, JsonElement Input, int? TimeoutSeconds, IReadOnlyList<string>? DependsOn, string? ParentId);

internal sealed record StartedPayload(int Attempt, string NodeId);

internal sealed record ProgressPayload(long Current, long? Total, double? Percent, string? Message);

internal sealed record CheckpointPayload(string Name);

internal sealed record PartialPayload(PartialResultStatus Status, long CompletedItems, long? TotalItems, int Results, int FailedItems, long? CancelledAtItem);

internal sealed record LogPayload(string Level, string Message, string? Exception);

internal sealed record CancellationPayload(
    CancellationReason Reason, string? Message, string? RequestedBy, DateTimeOffset RequestedAt,
    string? Checkpoint = null, PartialPayload? Partial = null);

internal sealed record CancelFailedPayload(string Error, CancellationReason? Reason, string? Message, string? RequestedBy);

internal sealed record CompletedPayload(JsonElement? Result, PartialPayload? Partial);

internal sealed record FailedPayload(string Error, PartialPayload? Partial);

internal sealed record RequeuedPayload(int Attempt, string Reason);
