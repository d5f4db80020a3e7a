using System.Text.Json;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Serialization;
using Quell.Storage;

namespace Quell.Storage.Contract;

/// <summary>
/// The behaviour every <see cref="IJobStore"/> must have. Subclass it once per store and return a fresh, empty
/// store from <see cref="CreateStoreAsync"/>; xunit runs every fact below against it. Times are whole
/// milliseconds, the precision every store keeps.
/// </summary>
public abstract partial class JobStoreContract
{
    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    protected const string Node = "node-1";

    /// <summary>A new, empty store that publishes to <paramref name="bus"/>.</summary>
    protected abstract Task<IJobStore> CreateStoreAsync(IJobEventBus bus);

    protected Task<IJobStore> CreateStoreAsync() => CreateStoreAsync(new InProcessJobEventBus());

    protected static NewJob Job(string id, string type = "work", string owner = "alice", int seconds = 0, params string[] dependsOn) =>
        new(id, type, owner, JsonSerializer.SerializeToElement(new { file = id + ".csv", rows = 3 }), 60, dependsOn,
            T0.AddSeconds(seconds));

    protected static CancellationInfo Cancel(string by = "alice", int seconds = 5, CancellationReason reason = CancellationReason.UserRequested) =>
        new(reason, "stop " + by, by, T0.AddSeconds(seconds));

    protected static JobClaim Claim(int max = 10, string type = "work", string node = Node, int seconds = 1) =>
        new(node, max, [type], T0.AddSeconds(seconds), T0.AddSeconds(seconds + 30));

    protected static JobFinish Complete(string id, int seconds = 10, PartialResults? partial = null) =>
        new(id, JobStatus.Completed, T0.AddSeconds(seconds), JsonSerializer.SerializeToElement(new { rows = 3 }), Partial: partial);

    protected static JobFinish Fail(string id, int seconds = 10) =>
        new(id, JobStatus.Failed, T0.AddSeconds(seconds), Error: "disk full");

    protected static PartialResults Partial(int items) => new()
    {
        Status = PartialResultStatus.Partial,
        TotalItems = 10,
        CompletedItems = items,
        Results = [.. Enumerable.Range(0, items).Select(i => JsonSerializer.SerializeToElement(new { row = i }))],
        FailedItems = [new FailedItem(items, "bad row")],
        CancelledAtItem = items + 1,
    };

    /// <summary>Creates a job and claims it, so that it is running under <see cref="Node"/>'s lease.</summary>
    protected static async Task<JobRecord> CreateRunningAsync(IJobStore store, string id)
    {
        await store.CreateAsync(Job(id, type: "solo-" + id));
        var claimed = await store.ClaimAsync(Claim(type: "solo-" + id));
        return Assert.Single(claimed);
    }

    protected static async Task<string[]> EventTypesAsync(IJobStore store, string jobId) =>
        [.. (await store.ReadEventsAsync(jobId, 0)).Select(e => e.Type)];

    protected static void AssertSameJob(JobRecord? expected, JobRecord? actual) =>
        Assert.Equal(ToJson(expected), ToJson(actual));

    protected static string ToJson(JobRecord? job) => job is null ? "null" : JsonSerializer.Serialize(job, QuellJson.Job);

    protected static string ToJson(PartialResults? partial) =>
        partial is null ? "null" : JsonSerializer.Serialize(partial, QuellJson.PartialResults);
}
