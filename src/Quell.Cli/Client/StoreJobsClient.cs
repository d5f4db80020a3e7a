using Quell.Server.Sse;
using Quell.Server.Jobs;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Quell.Cancellation;
using Quell.Cli.Hosting;
using Quell.Events;
using Quell.Jobs;
using Quell.Results;
using Quell.Storage;

namespace Quell.Cli.Client;

/// <summary>
/// <see cref="IJobsClient"/> straight on a data directory's store, as an operator (every owner's jobs). The runtime is
/// not started, so this process never claims or recovers jobs; a cancel is made durable and the node running the
/// job picks it up at its next lease renewal. Answers mirror the HTTP API's documents and errors.
/// </summary>
internal sealed class StoreJobsClient(EmbeddedRuntime runtime) : IJobsClient
{
    private const int MaxLimit = 500;
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Opens the data directory's store. Read-only opens need no lock, so they work while <c>quell serve</c> runs on
    /// the same directory; a cancel needs the writer, and so the directory to itself.
    /// </summary>
    public static StoreJobsClient Open(string dataDirectory, bool readOnly)
    {
        // Reading must not create a store where there was none (a mistyped --data would look like "no jobs").
        if (!Directory.Exists(dataDirectory))
        {
            throw new CliException($"There is no Quell data directory at '{dataDirectory}'. Give the --data of quell serve or quell analyze-csv, or --server URL.");
        }
        var runtime = EmbeddedRuntime.Create(dataDirectory, readOnly: readOnly);
        runtime.OpenStore();
        return new StoreJobsClient(runtime);
    }

    public async Task<ApiResult<JobListDto>> ListAsync(string? status, string? type, int limit, int offset, CancellationToken cancellationToken)
    {
        JobStatus? filter = null;
        if (status is not null)
        {
            if (!JobStatusExtensions.TryParseWireName(status, out var parsed))
            {
                var valid = string.Join(", ", Enum.GetValues<JobStatus>().Select(s => s.ToWireName()));
                throw new CliException($"Unknown status '{status}'. Use one of: {valid}.");
            }
            filter = parsed;
        }
        if (limit is < 1 or > MaxLimit) throw new CliException($"--limit must be a whole number from 1 to {MaxLimit}.");
        if (offset < 0) throw new CliException("--offset must be a whole number of 0 or more.");
        var page = await runtime.Jobs.ListAsync(new JobQuery(null, filter, type, limit, offset), cancellationToken).ConfigureAwait(false);
        var document = new JobListDto([.. page.Items.Select(JobDto.From)], page.Total, page.Limit, page.Offset);
        return Result(document, CliJsonContext.Default.JobListDto);
    }

    public async Task<ApiResult<JobDto>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var job = await runtime.Jobs.GetAsync(id, owner: null, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound.For(id);
        return Result(JobDto.From(job), CliJsonContext.Default.JobDto);
    }

    public async Task<ApiResult<JobDto>> CancelAsync(string id, string? reason, string? message, CancellationToken cancellationToken)
    {
        var parsed = CancellationReason.UserRequested;
        if (reason is not null && !CancellationReasons.TryParse(reason, out parsed))
        {
            throw new CliException($"Unknown reason '{reason}'. Use one of: {string.Join(", ", CancellationReasons.WireNames)}.");
        }
        var outcome = await runtime.Jobs.CancelAsync(id, new CancelRequest(null, parsed, message, RequestedBy: "cli"), cancellationToken)
            .ConfigureAwait(false);
        var job = outcome.Job;
        if (outcome.Kind == CancelOutcomeKind.NotFound || job is null) throw JobNotFound.For(id);
        if (outcome.Kind == CancelOutcomeKind.AlreadyFinished || job.Status.IsTerminal() && outcome.Kind == CancelOutcomeKind.AlreadyRequested)
        {
            var status = job.Status.ToWireName();
            throw new CliException($"Job already {status}: there is nothing left to cancel.");
        }
        return Result(JobDto.From(job), CliJsonContext.Default.JobDto);
    }

    public async Task<ApiResult<PartialResults>> GetPartialResultsAsync(string id, CancellationToken cancellationToken)
    {
        var results = await runtime.Jobs.GetPartialResultsAsync(id, owner: null, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"Job '{id}' does not exist or has saved no results yet.");
        return Result(results, CliJsonContext.Default.PartialResults);
    }

    public async IAsyncEnumerable<ApiResult<JobEventDto>> EventsAsync(
        string id, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _ = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        long last = 0;
        while (true)
        {
            var page = await runtime.Store.ReadEventsAsync(id, last, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                last = stored.Seq;
                yield return Result(JobEventDto.From(stored), CliJsonContext.Default.JobEventDto);
                if (JobEventTypes.IsTerminal(stored.Type)) yield break;
            }
            if (page.Count == 1000) continue;
            if (!follow) yield break;
            // Another process (quell serve) may be running the job, so its live bus is out of reach: poll the store.
            await Task.Delay(FollowPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ApiResult<T> Result<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        new(value, JsonSerializer.Serialize(value, typeInfo));

    public ValueTask DisposeAsync() => runtime.DisposeAsync();
}
