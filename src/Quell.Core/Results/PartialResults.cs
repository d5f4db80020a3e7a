using System.Text.Json;

namespace Quell.Results;

/// <summary>
/// What a job finished before it stopped, in the shape of seed 002: status, counts, the results themselves,
/// the items that failed, and where a cancellation stopped it.
/// </summary>
public sealed record PartialResults
{
    /// <summary>Empty, partial or complete.</summary>
    public required PartialResultStatus Status { get; init; }

    /// <summary>Items in all, when the job knows.</summary>
    public long? TotalItems { get; init; }

    /// <summary>Items finished.</summary>
    public long CompletedItems { get; init; }

    /// <summary>0–100 with one decimal, when the total is known.</summary>
    public double? CompletionPercent => TotalItems is > 0
        ? Math.Round(Math.Clamp(CompletedItems * 100.0 / TotalItems.Value, 0, 100), 1)
        : null;

    /// <summary>The results, as JSON values.</summary>
    public IReadOnlyList<JsonElement> Results { get; init; } = [];

    /// <summary>Items that failed, with the error of each.</summary>
    public IReadOnlyList<FailedItem> FailedItems { get; init; } = [];

    /// <summary>The item the job was at when a cancellation stopped it.</summary>
    public long? CancelledAtItem { get; init; }

    /// <summary>Nothing yet.</summary>
    public static PartialResults Empty { get; } = new() { Status = PartialResultStatus.Empty };

    /// <summary>What a job that completed without reporting any item has: complete, and nothing in it.</summary>
    public static PartialResults CompleteEmpty { get; } = new() { Status = PartialResultStatus.Complete };

    /// <summary>Whether this says no more than <see cref="CompleteEmpty"/>.</summary>
    public bool IsCompleteEmpty => Status == PartialResultStatus.Complete && TotalItems is null && CompletedItems == 0
        && Results.Count == 0 && FailedItems.Count == 0 && CancelledAtItem is null;
}
