using System.Text.Json;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Tests;

/// <summary>The single writer runs many callers' operations in one transaction; one caller's failure is its own.</summary>
public sealed class WriterBatchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private readonly TempDataDirectory _directory = new();

    [Fact]
    public async Task An_operation_that_fails_inside_a_batch_does_not_fail_the_others()
    {
        var bus = new InProcessJobEventBus();
        await using var store = await SqliteJobStore.OpenAsync(_directory.Options(), bus);
        using var published = bus.Subscribe();
        await store.CreateAsync(NewJob("existing"));
        using var gate = new ManualResetEventSlim();
        var held = store.Enqueue(new GateOperation(gate)).AsTask();

        // Queued behind the gate, so the writer takes all of them in one batch.
        var creates = Enumerable.Range(0, 50).Select(i => store.CreateAsync(NewJob($"j{i}")).AsTask()).ToList();
        var duplicate = store.CreateAsync(NewJob("existing")).AsTask();               // fails before writing
        var dirty = store.Enqueue(new FailAfterWritingOperation("existing")).AsTask(); // fails after writing
        creates.AddRange(Enumerable.Range(50, 50).Select(i => store.CreateAsync(NewJob($"j{i}")).AsTask()));
        gate.Set();

        await held;
        await Task.WhenAll(creates);
        await Assert.ThrowsAsync<DuplicateJobIdException>(() => duplicate);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => dirty);
        Assert.Equal("boom", failure.Message);
        Assert.Equal(101, (await store.ListAsync(new Storage.JobQuery(Limit: 1000))).Total);
        Assert.Single(await store.ReadEventsAsync("existing", 0)); // the dirty operation's event was rolled back
        var seqs = new List<long>();
        while (published.Reader.TryRead(out var e)) seqs.Add(e.Seq);
        Assert.Equal(Enumerable.Range(1, 101).Select(i => (long)i), seqs); // no gaps, nothing from the failures
    }

    [Fact]
    public async Task A_cancelled_caller_whose_operation_is_still_queued_is_not_written()
    {
        await using var store = await SqliteJobStore.OpenAsync(_directory.Options(), new InProcessJobEventBus());
        using var gate = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var held = store.Enqueue(new GateOperation(gate)).AsTask();

        var cancelled = store.CreateAsync(NewJob("a"), cts.Token).AsTask();
        await cts.CancelAsync();
        gate.Set();
        await held;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Null(await store.GetAsync("a"));
    }

    private static NewJob NewJob(string id) =>
        new(id, "work", "alice", JsonSerializer.SerializeToElement(new { id }), null, [], T0);

    public void Dispose() => _directory.Dispose();

    private sealed class GateOperation(ManualResetEventSlim gate) : WriteOperation<bool>(CancellationToken.None)
    {
        public override void Execute(WriteContext context) => Result = gate.Wait(TimeSpan.FromSeconds(10));
    }

    private sealed class FailAfterWritingOperation(string jobId) : WriteOperation<bool>(CancellationToken.None)
    {
        public override void Execute(WriteContext context)
        {
            context.AppendEvent(jobId, JobEventTypes.Log, T0, JobEventData.Log("info", "never committed"));
            throw new InvalidOperationException("boom");
        }
    }
}
