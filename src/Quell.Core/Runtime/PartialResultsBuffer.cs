using System.Text.Json;
using Quell.Hosting;
using Quell.Results;

namespace Quell.Runtime;

/// <summary>A job's partial results while it runs; snapshotted for batched persistence and at the end.</summary>
internal sealed class PartialResultsBuffer
{
    private readonly Lock _lock = new();
    private List<JsonElement> _results = [];
    private List<FailedItem>? _failures;
    private long? _total;
    private long _completed;
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public bool IsEmpty
    {
        get { lock (_lock) return _completed == 0 && _results.Count == 0 && _failures is null; }
    }

    public void SetTotal(long? total)
    {
        lock (_lock) { _total = total; _version++; }
    }

    public void Add<T>(T item)
    {
        var element = JsonSerializer.SerializeToElement(item, QuellBuilder.HandlerJsonOptions);
        lock (_lock) { _results.Add(element); _completed++; _version++; }
    }

    public void Replace<T>(IReadOnlyList<T> results, long completedItems)
    {
        var elements = new List<JsonElement>(results.Count);
        foreach (var item in results) elements.Add(JsonSerializer.SerializeToElement(item, QuellBuilder.HandlerJsonOptions));
        lock (_lock) { _results = elements; _completed = completedItems; _version++; }
    }

    public void AddFailure(long index, string error)
    {
        lock (_lock) { (_failures ??= []).Add(new FailedItem(index, error)); _version++; }
    }

    /// <summary>The document to save; <paramref name="final"/> decides the status once the job has stopped.</summary>
    public PartialResults Snapshot(PartialResultStatus? final = null, bool cancelled = false)
    {
        lock (_lock)
        {
            var status = final ?? (_completed == 0 && _results.Count == 0 ? PartialResultStatus.Empty : PartialResultStatus.Partial);
            return new PartialResults
            {
                Status = status,
                TotalItems = _total,
                CompletedItems = _completed,
                Results = _results.ToArray(),
                FailedItems = _failures?.ToArray() ?? [],
                CancelledAtItem = cancelled ? _completed : null,
            };
        }
    }
}
