using System.Text.Json;
using Quell.Hosting;
using Quell.Results;

namespace Quell.Runtime;

/// <summary>A job's partial results while it runs; snapshotted for batched persistence and at the end.</summary>
internal sealed class PartialResultsBuffer
{
    private List<JsonElement>? _results; // created on the first result: many jobs never add one
    private List<FailedItem>? _failures;
    private long? _total;
    private long _completed;
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public bool IsEmpty
    {
        get { lock (this) return _completed == 0 && _results is not { Count: > 0 } && _failures is null; }
    }

    public void SetTotal(long? total)
    {
        lock (this) { _total = total; _version++; }
    }

    public void Add<T>(T item)
    {
        var element = JsonSerializer.SerializeToElement(item, QuellBuilder.HandlerJsonOptions);
        lock (this) { (_results ??= []).Add(element); _completed++; _version++; }
    }

    public void Replace<T>(IReadOnlyList<T> results, long completedItems)
    {
        var elements = new List<JsonElement>(results.Count);
        foreach (var item in results) elements.Add(JsonSerializer.SerializeToElement(item, QuellBuilder.HandlerJsonOptions));
        lock (this) { _results = elements; _completed = completedItems; _version++; }
    }

    public void AddFailure(long index, string error)
    {
        lock (this) { (_failures ??= []).Add(new FailedItem(index, error)); _version++; }
    }

    /// <summary>The document to save; <paramref name="final"/> decides the status once the job has stopped.</summary>
    public PartialResults Snapshot(PartialResultStatus? final = null, bool cancelled = false)
    {
        lock (this)
        {
            var status = final ?? (_completed == 0 && _results is not { Count: > 0 } ? PartialResultStatus.Empty : PartialResultStatus.Partial);
            return new PartialResults
            {
                Status = status,
                TotalItems = _total,
                CompletedItems = _completed,
                Results = _results?.ToArray() ?? [],
                FailedItems = _failures?.ToArray() ?? [],
                CancelledAtItem = cancelled ? _completed : null,
            };
        }
    }
}
