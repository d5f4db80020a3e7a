using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Quell.Agents.Events;
using Quell.Agents.Tools;
using Quell.Cancellation;

namespace Quell.Agents.Runner;

/// <summary>
/// The state of one run of <see cref="AgentRunner"/>: the conversation, the text and tool results so far, the token
/// meter, and the checkpoints. A checkpoint that finds a cancel throws <see cref="AgentStoppedException"/> before
/// writing anything, so a stream is closed first and recorded after.
/// </summary>
internal sealed partial class AgentRun
{
    private readonly AgentTask _task;
    private readonly IChatClient _client;
    private readonly AgentToolbox _tools;
    private readonly AgentCancellation _cancellation;
    private readonly AgentEvents _events;
    private readonly Action<AgentStreamProgress>? _progress;
    private readonly TimeProvider _time;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly List<ChatMessage> _messages = [];
    private readonly List<AgentToolResult> _toolResults = [];
    private readonly TokenMeter _tokens = new();
    private readonly StringBuilder _allText = new();
    private string? _openMessageId;
    private int _messageCount;
    private string? _turnMessageId;
    private int _toolIndex;
    private bool _budgetExceeded;

    public AgentRun(AgentTask task, IChatClient client, AgentToolbox tools, AgentCancellation cancellation,
        IAgentEventSink events, Action<AgentStreamProgress>? progress, TimeProvider time)
    {
        _task = task;
        _client = client;
        _tools = tools;
        _cancellation = cancellation;
        _events = new AgentEvents(events);
        _progress = progress;
        _time = time;
        if (!string.IsNullOrWhiteSpace(task.SystemPrompt)) _messages.Add(new ChatMessage(ChatRole.System, task.SystemPrompt));
        _messages.Add(new ChatMessage(ChatRole.User, task.UserPrompt));
    }

    private bool StopRequested => _budgetExceeded || _cancellation.Token.IsCancellationRequested;

    public async Task<AgentResult> RunAsync()
    {
        try
        {
            for (var turn = 1; ; turn++)
            {
                if (turn > _task.MaxTurns)
                {
                    throw new InvalidOperationException($"The model asked for tools {_task.MaxTurns} times without answering (maxTurns).");
                }
                var (text, calls) = await TurnWithRetriesAsync().ConfigureAwait(false);
                if (calls.Count == 0) return await CompletedAsync(text).ConfigureAwait(false);
                await RunToolsAsync(calls).ConfigureAwait(false);
            }
        }
        catch (AgentStoppedException stop)
        {
            return await CancelledAsync(stop).ConfigureAwait(false);
        }
    }

    private async Task<(string Text, List<FunctionCallContent> Calls)> TurnWithRetriesAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var streamedBefore = _allText.Length;
            try
            {
                return await TurnAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not AgentStoppedException && _allText.Length == streamedBefore
                && attempt <= _task.Retry.Max && RetryableFailures.IsRetryable(e) && !StopRequested)
            {
                // Retrying after text was streamed would repeat it, so only a call that sent nothing is retried.
                _tokens.EndTurn();
                var delay = _task.Retry.DelayBefore(attempt);
                await _events.RetryAsync(attempt, delay, e.Message).ConfigureAwait(false);
                await PauseAsync(delay).ConfigureAwait(false);
                var next = attempt + 1;
                await CheckpointAsync("between_retries", $"before attempt {next.ToString(CultureInfo.InvariantCulture)}",
                    $"between retries (before attempt {next.ToString(CultureInfo.InvariantCulture)})").ConfigureAwait(false);
            }
        }
    }

    private async Task PauseAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_cancellation.Token.IsCancellationRequested)
        {
            // The between_retries checkpoint right after this records the stop.
        }
    }

    private async Task<(string Text, List<FunctionCallContent> Calls)> TurnAsync()
    {
        var text = new StringBuilder();
        var calls = new List<FunctionCallContent>();
        var options = new ChatOptions { MaxOutputTokens = _task.MaxOutputTokens };
        if (_tools.Tools.Count > 0) options.Tools = [.. _tools.Tools];
        var chunks = 0;
        try
        {
            await using var pump = new UpdatePump(_client.GetStreamingResponseAsync(_messages, options, _cancellation.Token), _cancellation.Token);
            await foreach (var update in pump.ReadAllAsync().ConfigureAwait(false))
            {
                var delta = Absorb(update, calls);
                if (delta.Length == 0) continue;
                if (StopRequested) throw StreamStop(chunks); // a cancel that raced this chunk: nothing more is shown
                chunks++;
                _tokens.OnChunk();
                await TextAsync(text, delta).ConfigureAwait(false);
                CheckBudget();
                _progress?.Invoke(new AgentStreamProgress(_allText.ToString(), _tokens.Total));
                await CheckpointAsync("between_chunks", $"chunk {chunks.ToString(CultureInfo.InvariantCulture)}", "during streaming").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (StopRequested)
        {
            throw StreamStop(chunks);
        }
        _tokens.EndTurn();
        CheckBudget();
        _turnMessageId = _openMessageId;
        await EndMessageAsync("complete").ConfigureAwait(false);
        var contents = new List<AIContent>();
        if (text.Length > 0) contents.Add(new TextContent(text.ToString()));
        contents.AddRange(calls);
        _messages.Add(new ChatMessage(ChatRole.Assistant, contents));
        return (text.ToString(), calls);
    }

    private string Absorb(ChatResponseUpdate update, List<FunctionCallContent> calls)
    {
        var delta = new StringBuilder();
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } t: delta.Append(t.Text); break;
                case FunctionCallContent call: calls.Add(call); break;
                case UsageContent usage: _tokens.Add(usage.Details); break;
            }
        }
        return delta.ToString();
    }

    private static AgentStoppedException StreamStop(int chunks) =>
        new("between_chunks", $"chunk {chunks.ToString(CultureInfo.InvariantCulture)}", "during streaming");

    private async Task TextAsync(StringBuilder text, string delta)
    {
        if (_openMessageId is null)
        {
            _openMessageId = $"{_runId}-m{(++_messageCount).ToString(CultureInfo.InvariantCulture)}";
            await _events.MessageStartAsync(_openMessageId, ModelInfo()).ConfigureAwait(false);
            if (_allText.Length > 0) _allText.Append("\n\n");
        }
        text.Append(delta);
        _allText.Append(delta);
        await _events.MessageDeltaAsync(_openMessageId, delta).ConfigureAwait(false);
    }

    private async Task EndMessageAsync(string status)
    {
        if (_openMessageId is null) return;
        var id = _openMessageId;
        _openMessageId = null;
        await _events.MessageEndAsync(id, status).ConfigureAwait(false);
    }

    private AgentModelInfo ModelInfo()
    {
        var metadata = _client.GetService<ChatClientMetadata>();
        var provider = metadata?.ProviderName ?? _task.Model.Provider;
        var scripted = string.Equals(provider, Models.ChatProviders.Scripted, StringComparison.Ordinal);
        return new AgentModelInfo(provider, metadata?.DefaultModelId ?? _task.Model.Model ?? provider, scripted);
    }

    private void CheckBudget()
    {
        if (_budgetExceeded || _task.Budget.MaxTokens is not { } max || _tokens.Total <= max) return;
        _budgetExceeded = true;
        _cancellation.Request(CancellationReason.ResourceLimit, $"Token budget exceeded: {_tokens.Total.ToString(CultureInfo.InvariantCulture)} of {max.ToString(CultureInfo.InvariantCulture)} tokens used.");
    }

    private async Task CheckpointAsync(string name, string? detail, string where)
    {
        if (StopRequested) throw new AgentStoppedException(name, detail, where);
        await _events.CheckpointAsync(name, detail).ConfigureAwait(false);
    }

    private async Task<AgentResult> CompletedAsync(string text)
    {
        await _events.UsageAsync(_tokens).ConfigureAwait(false);
        return new AgentResult
        {
            Status = AgentResult.Completed, Response = text, TokensUsed = _tokens.Total, ToolResults = [.. _toolResults],
        };
    }

    private async Task<AgentResult> CancelledAsync(AgentStoppedException stop)
    {
        await _events.CheckpointAsync(stop.Checkpoint, stop.Detail).ConfigureAwait(false);
        await EndMessageAsync("cancelled").ConfigureAwait(false);
        _tokens.EndTurn();
        await _events.UsageAsync(_tokens).ConfigureAwait(false);
        CancellationReason? reason = _cancellation.Info?.Reason ?? (_budgetExceeded ? CancellationReason.ResourceLimit : null);
        return new AgentResult
        {
            Status = AgentResult.Cancelled,
            PartialResponse = _allText.ToString(),
            TokensUsed = _tokens.Total,
            ToolResults = [.. _toolResults],
            Reason = $"{StopDescriptions.Subject(reason)} {stop.Where}",
            ReasonCode = reason?.ToWireName(),
            Analysis = StopDescriptions.Analysis(reason),
            Checkpoint = stop.Checkpoint,
        };
    }

    private static JsonElement Arguments(FunctionCallContent call) =>
        JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
}
