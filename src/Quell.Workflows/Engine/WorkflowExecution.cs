using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Agents.Runner;
using Quell.Events;
using Quell.Jobs;
using Quell.Workflows.Events;
using Quell.Workflows.Model;
using Quell.Workflows.Runs;

namespace Quell.Workflows.Engine;

/// <summary>
/// One attempt of one run: walks the graph from the start event, one async path per token, and records every step
/// as an event of the run job. On a resumed attempt it first reads the run's own history and reuses what finished.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly WorkflowDefinition _definition;
    private readonly WorkflowRunInput _input;
    private readonly IJobContext _context;
    private readonly IJobService _jobs;
    private readonly IAgentToolboxFactory _toolboxes;
    private readonly AgentRunner _runner;
    private readonly ElementCancellation _elementCancellation;
    private readonly RunScope _scope;
    private readonly object _gate = new();
    private readonly Dictionary<string, RunningElement> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _joinArrivals = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, ElementView> _recorded = new(StringComparer.Ordinal);
    private readonly int _total;
    private int _done;
    private string _owner = "";

    public WorkflowExecution(WorkflowDefinition definition, WorkflowRunInput input, IJobContext context, IJobService jobs,
        IAgentToolboxFactory toolboxes, AgentRunner runner, ElementCancellation elementCancellation)
    {
        _elementCancellation = elementCancellation;
        _definition = definition;
        _input = input;
        _context = context;
        _jobs = jobs;
        _toolboxes = toolboxes;
        _runner = runner;
        _scope = new RunScope(input.Variables);
        _total = Reachable(definition);
    }

    private string RunId => _context.JobId;

    private bool RunCancelled => _context.CancellationToken.IsCancellationRequested;

    public async Task<WorkflowRunResult> RunAsync()
    {
        _owner = (await _jobs.GetAsync(RunId, null).ConfigureAwait(false))?.Owner ?? "";
        var history = await ReadHistoryAsync().ConfigureAwait(false);
        if (_context.Attempt > 1)
        {
            Restore(history.View());
            await CloseInterruptedWorkAsync(history.View()).ConfigureAwait(false);
        }
        if (history.View().WorkflowId is null)
        {
            await EmitAsync(WorkflowEventTypes.RunStarted, new
            {
                workflowId = _input.WorkflowId,
                workflowName = _definition.Name,
                format = _input.Format,
                variables = _input.Variables ?? JsonSerializer.SerializeToElement(new { }),
                threadId = _input.ThreadId,
            }).ConfigureAwait(false);
        }
        _context.ReportProgress(_done, _total);

        using var stopWatching = new CancellationTokenSource();
        var watcher = WatchRequestsAsync(history.LastSeq, stopWatching.Token);
        using (_context.CancellationToken.Register(OnRunCancelled))
        {
            await WalkAsync(_definition.Start.Id, afterCancel: false).ConfigureAwait(false);
        }
        await DrainRequestsAsync(watcher).ConfigureAwait(false);
        await stopWatching.CancelAsync().ConfigureAwait(false);
        await watcher.ConfigureAwait(false);
        return await FinishAsync().ConfigureAwait(false);
    }

    private async Task<WorkflowRunResult> FinishAsync()
    {
        if (RunCancelled)
        {
            await EmitAsync(WorkflowEventTypes.RunFinished, new { outcome = "cancelled", reason = _context.Cancellation?.Message }).ConfigureAwait(false);
            throw new OperationCanceledException("The run was cancelled.", _context.CancellationToken);
        }
        string[] failures;
        lock (_gate) failures = [.. _failures];
        if (failures.Length > 0)
        {
            var reason = string.Join("; ", failures);
            await EmitAsync(WorkflowEventTypes.RunFinished, new { outcome = "failed", reason }).ConfigureAwait(false);
            throw new WorkflowRunFailedException(reason);
        }
        await EmitAsync(WorkflowEventTypes.RunFinished, new { outcome = "success" }).ConfigureAwait(false);
        _context.ReportProgress(_total, _total);
        lock (_gate) return new WorkflowRunResult("success", new Dictionary<string, JsonElement>(_outputs, StringComparer.Ordinal));
    }

    /// <summary>
    /// Follows one token. A token that left a cancelled task goes on only into an exclusive gateway (so a flow can
    /// route on the cancel) or a parallel join (which counts the arrival); anything else on that path stops.
    /// </summary>
    private async Task WalkAsync(string elementId, bool afterCancel)
    {
        while (true)
        {
            if (RunCancelled) return;
            var element = _definition.GetElement(elementId);
            if (afterCancel && element is not ExclusiveGateway && !IsJoin(element)) return;
            IReadOnlyList<string> next;
            switch (element)
            {
                case StartEvent:
                    await PassAsync(element, output: null).ConfigureAwait(false);
                    next = Targets(element.Id);
                    break;
                case EndEvent end:
                    await ReachEndAsync(end).ConfigureAwait(false);
                    return;
                case WorkflowTask task:
                    var ended = await RunTaskAsync(task).ConfigureAwait(false);
                    if (ended.Status == TaskEnd.Failed) return;
                    afterCancel = ended.Status == TaskEnd.Cancelled;
                    next = Targets(element.Id);
                    break;
                case ExclusiveGateway gateway:
                    if (await ChooseAsync(gateway).ConfigureAwait(false) is not { } chosen) return;
                    afterCancel = false;
                    next = [chosen];
                    break;
                case ParallelGateway parallel:
                    if (!Arrive(parallel)) return;
                    var all = _definition.Outgoing(parallel.Id).ToList();
                    await PassAsync(parallel, output: null, flows: [.. all.Select(f => f.Id)]).ConfigureAwait(false);
                    afterCancel = false;
                    next = [.. all.Select(f => f.Target)];
                    break;
                default:
                    return;
            }
            if (next.Count == 0) return;
            if (next.Count == 1)
            {
                elementId = next[0];
                continue;
            }
            var carry = afterCancel;
            await Task.WhenAll(next.Select(target => Task.Run(() => WalkAsync(target, carry)))).ConfigureAwait(false);
            return;
        }
    }

    private IReadOnlyList<string> Targets(string elementId) => [.. _definition.Outgoing(elementId).Select(f => f.Target)];

    private bool IsJoin(WorkflowElement element) => element is ParallelGateway && _definition.Incoming(element.Id).Count() > 1;

    /// <summary>Counts a token into a parallel gateway; true when it may fire (a fork, or the last arrival at a join).</summary>
    private bool Arrive(ParallelGateway gateway)
    {
        var incoming = _definition.Incoming(gateway.Id).Count();
        if (incoming <= 1) return true;
        lock (_gate)
        {
            var arrived = _joinArrivals.GetValueOrDefault(gateway.Id) + 1;
            _joinArrivals[gateway.Id] = arrived;
            return arrived == incoming;
        }
    }

    private async Task<string?> ChooseAsync(ExclusiveGateway gateway)
    {
        var scope = _scope.Snapshot();
        SequenceFlow? chosen = null;
        string? error = null;
        try
        {
            chosen = _definition.Outgoing(gateway.Id).FirstOrDefault(f => !f.IsDefault && (f.Condition?.Evaluate(scope) ?? true))
                ?? _definition.Outgoing(gateway.Id).FirstOrDefault(f => f.IsDefault);
            if (chosen is null) error = $"Gateway {gateway.Id}: no condition is true and there is no default flow";
        }
        catch (Expressions.ExpressionEvaluationException e)
        {
            error = $"Gateway {gateway.Id}: {e.Message}";
        }
        if (error is not null)
        {
            await FailElementAsync(gateway, error).ConfigureAwait(false);
            return null;
        }
        await PassAsync(gateway, output: null, flows: [chosen!.Id]).ConfigureAwait(false);
        return chosen.Target;
    }

    private async Task ReachEndAsync(EndEvent end)
    {
        var outcome = end.Outcome == EndOutcome.Failure ? "failure" : "success";
        await PassAsync(end, JsonSerializer.SerializeToElement(new { outcome })).ConfigureAwait(false);
        if (end.Outcome == EndOutcome.Failure) AddFailure($"Reached failure end {end.Id}");
    }

    /// <summary>Records an instantaneous element (event or gateway), unless a resumed run already did.</summary>
    private async Task PassAsync(WorkflowElement element, JsonElement? output, string[]? flows = null)
    {
        if (IsRecorded(element.Id, "completed"))
        {
            CountDone();
            return;
        }
        await EmitAsync(WorkflowEventTypes.ElementStarted, new { elementId = element.Id, elementType = element.TypeName, name = element.Name }).ConfigureAwait(false);
        if (flows is not null) await EmitAsync(WorkflowEventTypes.GatewayEvaluated, new { elementId = element.Id, flows }).ConfigureAwait(false);
        await EmitAsync(WorkflowEventTypes.ElementCompleted, new { elementId = element.Id, output }).ConfigureAwait(false);
        CountDone();
    }

    private async Task FailElementAsync(WorkflowElement element, string error)
    {
        await EmitAsync(WorkflowEventTypes.ElementStarted, new { elementId = element.Id, elementType = element.TypeName, name = element.Name }).ConfigureAwait(false);
        await EmitAsync(WorkflowEventTypes.ElementFailed, new { elementId = element.Id, error }).ConfigureAwait(false);
        AddFailure(error);
        CountDone();
    }

    private void AddFailure(string reason)
    {
        lock (_gate) _failures.Add(reason);
    }

    private void CountDone() => _context.ReportProgress(Interlocked.Increment(ref _done), _total);

    private Task EmitAsync(string type, object payload) =>
        _context.EmitAsync(type, JsonSerializer.SerializeToElement(payload, Json), CancellationToken.None);

    private static int Reachable(WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { definition.Start.Id };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var flow in definition.Outgoing(id))
            {
                if (seen.Add(flow.Target)) queue.Enqueue(flow.Target);
            }
        }
        return seen.Count;
    }

}
