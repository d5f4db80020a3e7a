using Quell.Events;
using Quell.Jobs;

namespace Quell.Storage.Contract;

public abstract partial class JobStoreContract
{
    [ContractFact]
    public async Task Racing_cancel_and_finish_leave_exactly_one_terminal_event_per_job()
    {
        const int Jobs = 10_000;
        await using var store = await CreateStoreAsync();
        var ids = Enumerable.Range(0, Jobs).Select(i => $"race-{i}").ToArray();
        await Task.WhenAll(ids.Select(id => store.CreateAsync(Job(id)).AsTask()));
        await store.ClaimAsync(Claim(max: Jobs / 2)); // half running, half still pending

        // Task.Run puts each call on the pool, so cancels and finishes reach the store in no fixed order.
        var cancels = ids.Select(id => Task.Run(async () => await store.RequestCancelAsync(id, Cancel()))).ToArray();
        var finishes = ids.Select(id => Task.Run(async () => await store.FinishAsync(Complete(id)))).ToArray();
        await Task.WhenAll(cancels.Cast<Task>().Concat(finishes));

        var checks = ids.Select(async (id, i) =>
        {
            var events = await store.ReadEventsAsync(id, 0);
            var terminal = Assert.Single(events, e => JobEventTypes.IsTerminal(e.Type));
            Assert.Equal(terminal.Type, events[^1].Type);
            var job = (await store.GetAsync(id))!;
            var expected = terminal.Type == JobEventTypes.Completed ? JobStatus.Completed : JobStatus.Cancelled;
            Assert.Equal(expected, job.Status);
            Assert.Equal(expected == JobStatus.Completed, finishes[i].Result);
            Assert.Equal(
                expected == JobStatus.Cancelled,
                cancels[i].Result.Kind == CancelOutcomeKind.CancelledWhilePending);
        });
        await Task.WhenAll(checks);
    }
}
