namespace Quell.Workflows.Model;

/// <summary>What the scripted model does, so a run is the same every time and needs no network.</summary>
public sealed record ModelScript
{
    /// <summary>How fast the text streams, in tokens per second.</summary>
    public double TokensPerSecond { get; init; } = 20;

    /// <summary>How many tokens each streamed chunk carries.</summary>
    public int ChunkTokens { get; init; } = 1;

    /// <summary>The answer the model streams.</summary>
    public required string Text { get; init; }

    /// <summary>The tool calls the model asks for, in order.</summary>
    public IReadOnlyList<ScriptedToolCall> ToolCalls { get; init; } = [];

    /// <summary>
    /// HTTP status codes the model fails with on its first attempts, one per attempt (e.g. <c>[429]</c> fails once
    /// with 429 and then answers), to exercise retries.
    /// </summary>
    public IReadOnlyList<int> Failures { get; init; } = [];
}
