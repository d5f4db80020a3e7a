namespace Quell.Agents.Runner;

/// <summary>Reported after every streamed chunk.</summary>
/// <param name="Text">Every text streamed so far (what <c>partial_response</c> would hold).</param>
/// <param name="TokensUsed">Tokens used so far (estimated from chunks until the model reports usage).</param>
public sealed record AgentStreamProgress(string Text, long TokensUsed);
