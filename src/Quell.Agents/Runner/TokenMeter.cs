using Microsoft.Extensions.AI;

namespace Quell.Agents.Runner;

/// <summary>
/// Counts tokens from the model's <see cref="UsageContent"/>. OpenAI-compatible servers report usage only at the end
/// of a stream, so until a turn reports any, each streamed chunk counts as one output token (those servers send
/// about one token per chunk): a stream cut short still has a count.
/// </summary>
internal sealed class TokenMeter
{
    private long _input;
    private long _output;
    private long _turnChunks;
    private bool _turnReported;

    public long Input => _input;

    public long Output => _output + (_turnReported ? 0 : _turnChunks);

    public long Total => Input + Output;

    public void Add(UsageDetails usage)
    {
        _turnReported = true;
        _input += usage.InputTokenCount ?? 0;
        _output += usage.OutputTokenCount ?? Math.Max(0, (usage.TotalTokenCount ?? 0) - (usage.InputTokenCount ?? 0));
    }

    public void OnChunk() => _turnChunks++;

    /// <summary>Keeps the turn's estimate if it reported nothing, and starts a new turn.</summary>
    public void EndTurn()
    {
        if (!_turnReported) _output += _turnChunks;
        _turnChunks = 0;
        _turnReported = false;
    }
}
