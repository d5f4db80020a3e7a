using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Quell.Agents.Models;

namespace Quell.Agents.Scripted;

/// <summary>
/// The offline, deterministic model. It never poses as a real one: its metadata says provider <c>scripted</c> and
/// model <c>scripted</c>, and every update carries model id <c>scripted</c>. Each turn either asks for the script's
/// next tool calls (until all were asked for) or streams the script's text in chunks at the script's token rate,
/// pausing on <see cref="TimeProvider"/> and stopping at once when the token fires. Usage is reported per chunk,
/// counting the script's tokens, so a stream stopped halfway has counted what it sent.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    /// <summary>The model id the scripted model reports.</summary>
    public const string ModelId = "scripted";

    private readonly ChatScript _script;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata = new(ChatProviders.Scripted, providerUri: null, defaultModelId: ModelId);
    private int _calls;

    /// <summary>Creates the model for <paramref name="script"/>.</summary>
    /// <param name="script">What to stream and which tools to call.</param>
    /// <param name="timeProvider">The clock of the token rate; <see cref="TimeProvider.System"/> by default.</param>
    public ScriptedChatClient(ChatScript script, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var problems = script.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(script));
        _script = script;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many times the model was called (each retry counts).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var call = Interlocked.Increment(ref _calls);
        ThrowIfScriptedFailure(call);
        cancellationToken.ThrowIfCancellationRequested();

        var responseId = $"scripted-{call.ToString(CultureInfo.InvariantCulture)}";
        var inputTokens = history.Sum(m => ScriptTokens.Count(m.Text));
        var asked = history.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count();
        if (asked < _script.ToolCalls.Count)
        {
            yield return ToolCallTurn(responseId, asked, inputTokens);
            yield break;
        }

        var tokens = ScriptTokens.Split(_script.Text);
        var limit = options?.MaxOutputTokens is int max && max < tokens.Count ? max : tokens.Count;
        var perChunk = _script.TokensPerChunk;
        for (var sent = 0; sent < limit; sent += perChunk)
        {
            var count = Math.Min(perChunk, limit - sent);
            await PauseAsync(count, cancellationToken).ConfigureAwait(false);
            var usage = new UsageDetails { InputTokenCount = sent == 0 ? inputTokens : 0, OutputTokenCount = count };
            usage.TotalTokenCount = usage.InputTokenCount + usage.OutputTokenCount;
            yield return Update(responseId, [new TextContent(string.Concat(tokens.Skip(sent).Take(count))), new UsageContent(usage)]);
        }
        var end = Update(responseId, []);
        end.FinishReason = limit < tokens.Count ? ChatFinishReason.Length : ChatFinishReason.Stop;
        yield return end;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: the model holds no connections.
    }

    private ChatResponseUpdate ToolCallTurn(string responseId, int asked, int inputTokens)
    {
        var take = _script.ToolCallsPerTurn == 0 ? _script.ToolCalls.Count - asked : Math.Min(_script.ToolCallsPerTurn, _script.ToolCalls.Count - asked);
        var contents = new List<AIContent>();
        var outputTokens = 0;
        for (var i = asked; i < asked + take; i++)
        {
            var call = _script.ToolCalls[i];
            var arguments = call.Arguments is { } json
                ? json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : new Dictionary<string, object?>();
            contents.Add(new FunctionCallContent($"call_{(i + 1).ToString(CultureInfo.InvariantCulture)}", call.Tool, arguments));
            outputTokens += 1 + ScriptTokens.Count(call.Arguments?.GetRawText());
        }
        contents.Add(new UsageContent(new UsageDetails
        {
            InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens,
        }));
        var update = Update(responseId, contents);
        update.FinishReason = ChatFinishReason.ToolCalls;
        return update;
    }

    private ChatResponseUpdate Update(string responseId, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = ModelId,
        CreatedAt = _time.GetUtcNow(),
    };

    private Task PauseAsync(int tokens, CancellationToken cancellationToken)
    {
        if (_script.TokensPerSecond <= 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }
        return Task.Delay(TimeSpan.FromSeconds(tokens / _script.TokensPerSecond), _time, cancellationToken);
    }

    private void ThrowIfScriptedFailure(int call)
    {
        var failure = _script.Failures.FirstOrDefault(f => f.Attempt == call);
        if (failure is null) return;
        var status = (HttpStatusCode)failure.StatusCode;
        throw new HttpRequestException(
            failure.Message ?? $"Scripted failure: HTTP {failure.StatusCode.ToString(CultureInfo.InvariantCulture)} on call {call.ToString(CultureInfo.InvariantCulture)}.",
            inner: null, status);
    }
}
