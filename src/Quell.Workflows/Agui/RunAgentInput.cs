using System.Text.Json;

namespace Quell.Workflows.Agui;

/// <summary>
/// AG-UI's request to run an agent (<c>RunAgentInputSchema</c>), the body of <c>POST /api/agui/{workflowId}</c>:
/// <see cref="ThreadId"/> and <see cref="RunId"/> become the run's, <see cref="State"/> its input variables. Messages,
/// tools, context and forwarded properties are kept as JSON: a workflow does not use them yet.
/// </summary>
/// <param name="ThreadId">The conversation thread.</param>
/// <param name="RunId">The id the run is to have.</param>
public sealed record RunAgentInput(string ThreadId, string RunId)
{
    /// <summary>The protocol version the client speaks (<c>1.0</c>).</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>The run this one continues, if any.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The shared state: a workflow's input variables.</summary>
    public JsonElement? State { get; init; }

    /// <summary>The conversation so far.</summary>
    public IReadOnlyList<JsonElement>? Messages { get; init; }

    /// <summary>Tools the client offers.</summary>
    public IReadOnlyList<JsonElement>? Tools { get; init; }

    /// <summary>Ambient context entries (<c>{description, value}</c>).</summary>
    public IReadOnlyList<JsonElement>? Context { get; init; }

    /// <summary>Anything else the client forwards.</summary>
    public JsonElement? ForwardedProps { get; init; }
}
