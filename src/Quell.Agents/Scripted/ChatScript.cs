namespace Quell.Agents.Scripted;

/// <summary>
/// What the scripted model does, deterministically: first the tool calls (in order), then the answer text streamed
/// at a fixed token rate. A token is a word with the whitespace that follows it.
/// </summary>
public sealed record ChatScript
{
    /// <summary>A short script used when none is given.</summary>
    public static ChatScript Default { get; } = new()
    {
        Text = "This answer comes from the scripted model, a deterministic stand-in that runs without a network or an API key.",
    };

    /// <summary>The answer streamed after all tool calls.</summary>
    public string Text { get; init; } = "";

    /// <summary>Streaming speed; 0 or less streams without pauses. Default 20.</summary>
    public double TokensPerSecond { get; init; } = 20;

    /// <summary>How many tokens each streamed chunk carries. Default 1.</summary>
    public int TokensPerChunk { get; init; } = 1;

    /// <summary>The tool calls the model asks for, in order, before it answers.</summary>
    public IReadOnlyList<ScriptedToolCall> ToolCalls { get; init; } = [];

    /// <summary>How many tool calls each model turn asks for; 0 (default) asks for all of them in the first turn.</summary>
    public int ToolCallsPerTurn { get; init; }

    /// <summary>Calls of the model that fail instead of answering, to exercise retries.</summary>
    public IReadOnlyList<ScriptedFailure> Failures { get; init; } = [];

    /// <summary>Problems with the script, each a sentence a user can act on; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TokensPerChunk < 1) problems.Add("script.tokensPerChunk must be at least 1.");
        if (ToolCallsPerTurn < 0) problems.Add("script.toolCallsPerTurn must be 0 (all at once) or more.");
        if (double.IsNaN(TokensPerSecond) || double.IsInfinity(TokensPerSecond)) problems.Add("script.tokensPerSecond must be a finite number.");
        for (var i = 0; i < ToolCalls.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ToolCalls[i].Tool)) problems.Add($"script.toolCalls[{i}].tool is required.");
            if (ToolCalls[i].Arguments is { ValueKind: not System.Text.Json.JsonValueKind.Object })
            {
                problems.Add($"script.toolCalls[{i}].arguments must be a JSON object.");
            }
        }
        for (var i = 0; i < Failures.Count; i++)
        {
            if (Failures[i].Attempt < 1) problems.Add($"script.failures[{i}].attempt must be 1 or more.");
            if (Failures[i].StatusCode is < 400 or > 599) problems.Add($"script.failures[{i}].statusCode must be an HTTP error status (400-599).");
        }
        return problems;
    }
}
