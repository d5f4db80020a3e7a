using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Cancellation;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Mcp.Tools;
using Quell.Storage;

namespace Quell.Mcp.Tasks;

/// <summary>
/// <see cref="IMcpTaskStore"/> over the job runtime: a task is a job with an <c>mcp.task</c> marker in its history
/// (<see cref="McpTaskMarker"/>). State, result and cancellation come from <see cref="IJobService"/> (owner-checked,
/// durable), so a task survives its connection and a restart. <c>tasks/list</c> needs an index by owner, which
/// the store has no query for: it is kept in memory, filled as tasks are created or looked up, and rebuilt per
/// owner on first use from that owner's jobs of the task tools' job types.
/// </summary>
internal sealed class JobTaskStore : IMcpTaskStore
{
    /// <summary>Suggested polling interval.</summary>
    public const long PollIntervalMs = 1000;

    /// <summary>Tasks per <c>tasks/list</c> page.</summary>
    public const int PageSize = 50;

    /// <summary>How long <c>tasks/cancel</c> waits for the job to stop before answering with the state it reached.</summary>
    public static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(60);

    /// <summary>The message recorded with the cancel of a <c>tasks/cancel</c>.</summary>
    public const string CancelMessage = "Cancelled by the MCP client (tasks/cancel)";

    private const int RebuildPage = 200;
    private const int MarkerSearchEvents = 1000;

    private readonly IJobService _jobs;
    private readonly IJobStore _store;
    private readonly TaskProgressForwarder _forwarder;
    private readonly TimeProvider _time;
    private readonly long _maxTtlMs;
    private readonly Dictionary<string, McpTaskTool> _tools;
    private readonly ConcurrentDictionary<string, Entry> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _indexedOwners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _started = new(StringComparer.Ordinal);

    public JobTaskStore(
        IJobService jobs, IJobStore store, IEnumerable<McpTaskTool> tools, TaskProgressForwarder forwarder,
        IOptions<QuellOptions> options, TimeProvider time)
    {
        _jobs = jobs;
        _store = store;
        _forwarder = forwarder;
        _time = time;
        // A finished job is kept for Retention after it finished, so at least that long after it was created.
        _maxTtlMs = (long)options.Value.Retention.TotalMilliseconds;
        _tools = tools.GroupBy(tool => tool.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> ToolNames => _tools.Keys;

    public McpTaskTool? FindTool(string name) => _tools.GetValueOrDefault(name);

    public async Task<McpTaskInfo> CreateAsync(
        McpTaskTool tool, JsonElement? arguments, string owner, long? requestedTtlMs, CancellationToken cancellationToken)
    {
        var submission = tool.ToSubmission(arguments, owner);
        JobRecord job;
        try
        {
            job = await _jobs.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        }
        catch (JobSubmissionException e)
        {
            var code = e.Error == JobSubmissionError.ShuttingDown ? McpTaskException.InternalError : McpTaskException.InvalidParams;
            throw new McpTaskException(code, e.Message);
        }
        var marker = new McpTaskMarker(tool.Name, Math.Clamp(requestedTtlMs ?? _maxTtlMs, 1, _maxTtlMs));
        _known[job.Id] = new Entry(owner, job.CreatedAt, marker);
        // Appended before the answer, so another session can look the task up as soon as it knows the id. The
        // single writer takes it in order after the job's creation, normally long before the job can finish.
        await _store.AppendAsync([marker.ToEvent(job.Id, _time.GetUtcNow())], CancellationToken.None).ConfigureAwait(false);
        Track(job.Id, owner);
        return McpTaskStatuses.ToTask(job, marker, PollIntervalMs);
    }

    public void RelayProgress(string taskId, string owner, McpServer session, ProgressToken token) =>
        _forwarder.Start(session, token, taskId, owner);

    public async Task<McpTaskInfo> GetAsync(string taskId, string owner, CancellationToken cancellationToken)
    {
        var (job, marker) = await FindAsync(taskId, owner, cancellationToken).ConfigureAwait(false);
        return McpTaskStatuses.ToTask(job, marker, PollIntervalMs);
    }

    public async Task<(McpTaskInfo Task, CallToolResult Result)> GetResultAsync(
        string taskId, string owner, McpServer? requestView, CancellationToken cancellationToken)
    {
        var (_, marker) = await FindAsync(taskId, owner, cancellationToken).ConfigureAwait(false);
        using var listening = requestView is null ? null : _forwarder.Listen(taskId, requestView);
        var finished = await _jobs.WaitForCompletionAsync(taskId, owner, cancellationToken).ConfigureAwait(false)
            ?? throw McpTaskException.TaskNotFound(taskId);
        return (McpTaskStatuses.ToTask(finished, marker, PollIntervalMs), JobOutcome.ToResult(finished));
    }

    public async Task<McpTaskPage> ListAsync(string owner, string? cursor, CancellationToken cancellationToken)
    {
        var after = cursor is null ? null : McpTaskCursor.Decode(cursor)
            ?? throw new McpTaskException(McpTaskException.InvalidParams, "Invalid cursor for tasks/list.");
        var indexing = _indexedOwners.GetOrAdd(owner, o => new Lazy<Task>(() => IndexOwnerAsync(o)));
        try
        {
            await indexing.Value.ConfigureAwait(false);
        }
        catch
        {
            _indexedOwners.TryRemove(new KeyValuePair<string, Lazy<Task>>(owner, indexing)); // the next list tries again
            throw;
        }

        var candidates = _known
            .Where(entry => entry.Value.Owner == owner)
            .Select(entry => (Id: entry.Key, entry.Value))
            .OrderByDescending(entry => entry.Value.CreatedAt).ThenByDescending(entry => entry.Id, StringComparer.Ordinal)
            .SkipWhile(entry => after is not null && !McpTaskCursor.IsAfter(entry.Value.CreatedAt, entry.Id, after));
        var page = new List<McpTaskInfo>(PageSize);
        string? next = null;
        foreach (var (id, entry) in candidates)
        {
            var job = await _jobs.GetAsync(id, owner, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                _known.TryRemove(id, out _); // purged by retention
                continue;
            }
            if (page.Count == PageSize)
            {
                var last = page[^1];
                next = McpTaskCursor.Encode(last.CreatedAt, last.TaskId);
                break;
            }
            page.Add(McpTaskStatuses.ToTask(job, entry.Marker, PollIntervalMs));
        }
        return new McpTaskPage(page, next);
    }

    public async Task<McpTaskInfo> CancelAsync(string taskId, string owner, CancellationToken cancellationToken)
    {
        var (job, marker) = await FindAsync(taskId, owner, cancellationToken).ConfigureAwait(false);
        if (job.Status.IsTerminal()) throw AlreadyFinished(job);
        var outcome = await _jobs.CancelAsync(
                taskId, new CancelRequest(owner, CancellationReason.UserRequested, CancelMessage, RequestedBy: owner), cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Kind == CancelOutcomeKind.NotFound || outcome.Job is null) throw McpTaskException.TaskNotFound(taskId);
        if (outcome.Kind == CancelOutcomeKind.AlreadyFinished) throw AlreadyFinished(outcome.Job);

        // "MUST transition the task to cancelled before sending the response": wait for the job to stop, bounded.
        var reached = outcome.Job;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CancelWait);
        try
        {
            reached = await _jobs.WaitForCompletionAsync(taskId, owner, limit.Token).ConfigureAwait(false) ?? reached;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reached = await _jobs.GetAsync(taskId, owner, CancellationToken.None).ConfigureAwait(false) ?? reached;
        }
        return McpTaskStatuses.ToTask(reached, marker, PollIntervalMs);
    }

    public Task WaitForStartedTasksAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_started.Values).WaitAsync(cancellationToken);

    private void Track(string jobId, string owner)
    {
        var waiting = WaitAsync();
        _started[jobId] = waiting;
        if (waiting.IsCompleted) _started.TryRemove(new KeyValuePair<string, Task>(jobId, waiting));

        async Task WaitAsync()
        {
            try
            {
                await _jobs.WaitForCompletionAsync(jobId, owner).ConfigureAwait(false);
            }
            finally
            {
                _started.TryRemove(jobId, out _);
            }
        }
    }

    private async Task<(JobRecord Job, McpTaskMarker Marker)> FindAsync(string taskId, string owner, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(taskId)) throw new McpTaskException(McpTaskException.InvalidParams, "'taskId' is required.");
        var job = await _jobs.GetAsync(taskId, owner, cancellationToken).ConfigureAwait(false) ?? throw McpTaskException.TaskNotFound(taskId);
        var marker = await FindMarkerAsync(job, cancellationToken).ConfigureAwait(false) ?? throw McpTaskException.TaskNotFound(taskId);
        return (job, marker);
    }

    /// <summary>The task marker of a job this owner can see, from memory or from its history; null for a plain job.</summary>
    private async Task<McpTaskMarker?> FindMarkerAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(job.Id, out var known)) return known.Marker;
        var events = await _store.ReadEventsAsync(job.Id, afterSeq: 0, MarkerSearchEvents, cancellationToken).ConfigureAwait(false);
        var marker = events.Select(McpTaskMarker.TryRead).FirstOrDefault(m => m is not null);
        if (marker is not null) _known[job.Id] = new Entry(job.Owner, job.CreatedAt, marker);
        return marker;
    }

    private async Task IndexOwnerAsync(string owner)
    {
        foreach (var type in _tools.Values.Select(tool => tool.JobType).Distinct(StringComparer.Ordinal))
        {
            for (var offset = 0; ; offset += RebuildPage)
            {
                var page = await _jobs.ListAsync(new JobQuery(owner, Type: type, Limit: RebuildPage, Offset: offset)).ConfigureAwait(false);
                foreach (var job in page.Items) await FindMarkerAsync(job, CancellationToken.None).ConfigureAwait(false);
                if (page.Items.Count < RebuildPage) break;
            }
        }
    }

    private static McpTaskException AlreadyFinished(JobRecord job) => new(
        McpTaskException.InvalidParams, $"Cannot cancel task '{job.Id}': it is already {job.Status.ToWireName()}.");

    private sealed record Entry(string Owner, DateTimeOffset CreatedAt, McpTaskMarker Marker);
}
