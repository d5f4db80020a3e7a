using System.Text.Json;

namespace Quell.Agents.Events;

/// <summary>Where an agent run writes its <see cref="AgentEventTypes"/> events.</summary>
public interface IAgentEventSink
{
    /// <summary>Records one event; returns when it is kept (durable, for a job's history).</summary>
    /// <param name="type">One of <see cref="AgentEventTypes"/>.</param>
    /// <param name="data">The payload, a camelCase JSON object without <c>elementId</c> (the sink adds it).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task EmitAsync(string type, JsonElement data, CancellationToken cancellationToken);
}
