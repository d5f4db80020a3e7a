using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Quell.Events;
using Quell.Storage;
using Quell.Storage.Sqlite;

namespace Quell.Bench.Micro;

/// <summary>
/// <c>IJobStore.AppendAsync</c> on a real SQLite file (WAL, synchronous=NORMAL) through the store's single writer:
/// one caller at a time, so every call is its own transaction. The batch of 100 is one call.
/// </summary>
[MemoryDiagnoser]
public class StoreAppendBenchmarks
{
    private string _directory = null!;
    private SqliteJobStore _store = null!;
    private NewJobEvent[] _one = null!;
    private NewJobEvent[] _hundred = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "quell-bench", Guid.NewGuid().ToString("N"));
        _store = await SqliteJobStore.OpenAsync(new SqliteJobStoreOptions { DataDirectory = _directory }, new InProcessJobEventBus());
        var now = DateTimeOffset.UtcNow;
        var job = await _store.CreateAsync(new NewJob(Guid.CreateVersion7().ToString("N"), "bench.noop", "bench",
            JsonSerializer.SerializeToElement(new { }), null, [], now));
        var data = JobEventData.Log("info", "row 42 parsed");
        _one = [new NewJobEvent(job.Id, JobEventTypes.Log, now, data)];
        _hundred = [.. Enumerable.Repeat(_one[0], 100)];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "AppendAsync 1 event")]
    public ValueTask AppendOne() => _store.AppendAsync(_one);

    [Benchmark(Description = "AppendAsync batch of 100 events")]
    public ValueTask AppendHundred() => _store.AppendAsync(_hundred);
}
