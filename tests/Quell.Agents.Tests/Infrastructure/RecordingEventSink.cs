using System.Text.Json;
using Quell.Agents.Events;

namespace Quell.Agents.Tests.Infrastructure;

/// <summary>Keeps every agent event in order, and lets a test wait for one.</summary>
public sealed class RecordingEventSink : IAgentEventSink
{
    private readonly List<(string Type, JsonElement Data)> _events = [];
    private readonly List<(Func<string, JsonElement, bool> Match, TaskCompletionSource Seen)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<(string Type, JsonElement Data)> Events
    {
        get
        {
            lock (_gate) return [.. _events];
        }
    }

    public IReadOnlyList<JsonElement> OfType(string type) => [.. Events.Where(e => e.Type == type).Select(e => e.Data)];

    public IReadOnlyList<string> Checkpoints => [.. OfType(AgentEventTypes.Checkpoint).Select(d => d.GetProperty("name").GetString()!)];

    public Task EmitAsync(string type, JsonElement data, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add((type, data.Clone()));
            foreach (var waiter in _waiters.Where(w => w.Match(type, data)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes when an event that matches is recorded (or already was).</summary>
    public Task WaitForAsync(Func<string, JsonElement, bool> match)
    {
        lock (_gate)
        {
            if (_events.Any(e => match(e.Type, e.Data))) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
