using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace Quell.Agents.Runner;

/// <summary>
/// Reads a model's stream on its own task, so a read is always pending and a cancel aborts it at once (closing the
/// HTTP response) even while the run is busy writing the previous chunk's events. Updates wait in a small buffer.
/// </summary>
internal sealed class UpdatePump : IAsyncDisposable
{
    private readonly Channel<ChatResponseUpdate> _buffer =
        Channel.CreateBounded<ChatResponseUpdate>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;
    private Exception? _error;

    public UpdatePump(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reading = ReadAsync(updates, _stop.Token);
    }

    /// <summary>The updates in order; ends with the stream, or throws what the stream threw.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> ReadAllAsync()
    {
        await foreach (var update in _buffer.Reader.ReadAllAsync().ConfigureAwait(false)) yield return update;
        if (_error is not null) ExceptionDispatchInfo.Throw(_error);
    }

    /// <summary>Stops reading (closing the stream) and waits until it is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReadAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller's turn starts reading the buffer while the request goes out
        try
        {
            await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await _buffer.Writer.WriteAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            _buffer.Writer.TryComplete();
        }
    }
}
