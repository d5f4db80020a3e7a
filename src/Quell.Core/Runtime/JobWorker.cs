using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quell.Cancellation;
using Quell.Hosting;
using Quell.Storage;

namespace Quell.Runtime;

/// <summary>
/// The node's worker: resolves abandoned jobs at start, claims work up to the concurrency limit, renews leases
/// (re-checking durable cancel requests), sweeps old jobs, and on host stop cancels running jobs with
/// <c>system_shutdown</c> and waits for them up to the shutdown timeout.
/// </summary>
internal sealed partial class JobWorker(
    IJobStore store,
    JobService service,
    JobExecutor executor,
    JobRecovery recovery,
    ProgressPump pump,
    ActiveJobs active,
    TimeProvider time,
    IOptions<QuellOptions> options,
    ILogger<JobWorker> log) : IHostedService, IAsyncDisposable
{
    private const int MaxClaimBatch = 256;
    private readonly QuellOptions _options = options.Value;
    // Claiming stops first on host stop; the pump and lease renewal go on until the running jobs have ended.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _drained = new();
    private readonly List<Task> _loops = [];
    private Task _dispatch = Task.CompletedTask;
    private IDisposable? _signals;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A shared store tells this node about other nodes' work and cancels as they commit (IJobStoreSignals).
        if (store is IJobStoreSignals signals) _signals = signals.Listen(active.Wake, service.Signal);
        await recovery.ResolveAbandonedAsync(cancellationToken).ConfigureAwait(false);
        _dispatch = Task.Run(() => DispatchAsync(_stopping.Token), CancellationToken.None);
        _loops.Add(_dispatch);
        _loops.Add(Task.Run(() => pump.RunAsync(_drained.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => KeepLeasesAsync(_drained.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None));
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        var pools = ConcurrencyPool.For(service.JobTypes, _options.MaxConcurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Claim again at once while a pool got jobs and still has room: more may be queued.
                var more = false;
                foreach (var pool in pools)
                {
                    var free = FreeSlots(pool);
                    if (free <= 0) continue;
                    var claimed = await ClaimAsync(pool, free, stoppingToken).ConfigureAwait(false);
                    more |= claimed > 0 && FreeSlots(pool) > 0;
                }
                if (!more) await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLoopFailed(log, e, "dispatch");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private int FreeSlots(ConcurrencyPool pool) => Math.Min(pool.Size - active.CountIn(pool.Key), MaxClaimBatch);

    private async Task<int> ClaimAsync(ConcurrencyPool pool, int count, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var claiming = Stopwatch.GetTimestamp();
        // Slots that free while the claim waits for the store are counted when it runs: one dispatcher claim is in
        // flight at a time, so nothing else takes them meanwhile.
        var claim = new JobClaim(_options.NodeId, count, pool.Types, now, now + _options.LeaseDuration)
        {
            Capacity = () => FreeSlots(pool),
        };
        var jobs = await store.ClaimAsync(claim, stoppingToken).ConfigureAwait(false);
        QuellMetrics.StoreCall("claim", claiming);
        foreach (var job in jobs)
        {
            service.TryGetRegistration(job.Type, out var registration);
            executor.Start(job, registration);
        }
        return jobs.Count;
    }

    /// <summary>Woken by submissions and finished runs; polls once a second for work other nodes made claimable.</summary>
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        // The read itself is cancelled at the poll, so no abandoned read can swallow a later wake-up.
        using var poll = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token);
        try
        {
            await active.WaitForWakeAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task KeepLeasesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseDuration / 3, time);
        while (await WaitTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var renewal = await store.RenewLeasesAsync(_options.NodeId, active.Ids.ToArray(),
                    time.GetUtcNow() + _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                // A signal lost in transit is made good here: the request was durable before it was sent.
                foreach (var (jobId, cancellation) in renewal.CancelRequested) service.Signal(jobId, cancellation);
                // A job still running here that this node no longer holds was recovered by another node after its lease
                // ran out: stop it without writing. (A flushed one is finishing by itself: its own finish freed the lease.)
                foreach (var jobId in renewal.Lost)
                {
                    if (active.TryGet(jobId, out var execution) && !execution.Flushed && execution.AbandonLease()) LogLeaseLost(log, jobId);
                }
                await recovery.ResolveAbandonedAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(log, e, "lease");
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RetentionSweepInterval, time);
        while (await WaitTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var purged = await store.PurgeFinishedAsync(time.GetUtcNow() - _options.Retention, stoppingToken).ConfigureAwait(false);
                if (purged > 0) LogPurged(log, purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoopFailed(log, e, "retention");
            }
        }
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        service.StopAccepting();
        await _stopping.CancelAsync().ConfigureAwait(false);
        // A claim that committed just before the stop still starts its jobs: wait for that, so they are stopped below
        // too (else the store closes under them and recovery later finds them interrupted).
        await _dispatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var running = active.Executions.ToArray();
        if (running.Length > 0) LogShuttingDown(log, running.Length, _options.ShutdownTimeout);
        foreach (var execution in running)
        {
            var info = new CancellationInfo(CancellationReason.SystemShutdown, "Host is shutting down.", "system", time.GetUtcNow());
            try
            {
                await store.RequestCancelAsync(execution.JobId, info, CancellationToken.None).ConfigureAwait(false);
                execution.TrySetCancellation(info);
                execution.CancelRecorded = true;
            }
            catch (Exception e)
            {
                LogLoopFailed(log, e, "shutdown");
                execution.TrySetCancellation(info);
            }
        }
        // Durable requests first; then every job's shutdown token, and its cancellation token after the notice.
        active.SignalShutdown();
        _ = CancelAfterNoticeAsync(running);
        var all = Task.WhenAll(active.Completions);
        var waited = await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout, time, CancellationToken.None)).ConfigureAwait(false);
        if (waited != all)
        {
            LogShutdownTimedOut(log, active.Count);
            foreach (var straggler in active.Executions.ToArray()) await executor.ForceCancelledAsync(straggler).ConfigureAwait(false);
        }
        await _drained.CancelAsync().ConfigureAwait(false);
        _signals?.Dispose();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One timer for the whole node rather than one per job: the notice period is the same for all.</summary>
    private async Task CancelAfterNoticeAsync(JobExecution[] running)
    {
        if (_options.ShutdownNoticePeriod > TimeSpan.Zero)
        {
            await Task.Delay(_options.ShutdownNoticePeriod, time, CancellationToken.None).ConfigureAwait(false);
        }
        foreach (var execution in running) execution.CancelNow();
    }

    public async ValueTask DisposeAsync()
    {
        _signals?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _drained.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _drained.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Loop} loop failed; it goes on")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} lost its lease to another node; stopping it here")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {Count} finished jobs")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: cancelling {Count} running jobs, waiting up to {Timeout}")]
    private static partial void LogShuttingDown(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} jobs did not stop within the shutdown timeout; their partial results are saved")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count);
}
