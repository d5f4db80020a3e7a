using System.Collections.Concurrent;
using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>
/// Wraps a client transport and records the messages in the order they crossed the wire. The SDK's client handles
/// incoming messages concurrently, so an <c>IProgress</c> callback may see notifications out of order; the tap does not.
/// </summary>
public sealed class WireTap(IClientTransport inner) : IClientTransport
{
    public ConcurrentQueue<JsonRpcMessage> Received { get; } = new();

    public ConcurrentQueue<JsonRpcMessage> Sent { get; } = new();

    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new TappedTransport(await inner.ConnectAsync(cancellationToken), this);

    /// <summary>The progress notifications received, in wire order.</summary>
    public IReadOnlyList<ModelContextProtocol.ProgressNotificationValue> Progress() =>
        [.. Received.OfType<JsonRpcNotification>()
            .Where(n => n.Method == NotificationMethods.ProgressNotification)
            .Select(n => System.Text.Json.JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, ModelContextProtocol.McpJsonUtilities.DefaultOptions)!.Progress)];

    /// <summary>The id of the last <c>tools/call</c> request sent.</summary>
    public RequestId LastToolCallId() =>
        Sent.OfType<JsonRpcRequest>().Last(r => r.Method == RequestMethods.ToolsCall).Id;

    public bool ReceivedResponseFor(RequestId id) =>
        Received.OfType<JsonRpcMessageWithId>().Any(m => m.Id == id);

    private sealed class TappedTransport : ITransport
    {
        private readonly ITransport _inner;
        private readonly WireTap _tap;
        private readonly Channel<JsonRpcMessage> _messages = Channel.CreateUnbounded<JsonRpcMessage>();
        private readonly Task _pump;

        public TappedTransport(ITransport inner, WireTap tap)
        {
            _inner = inner;
            _tap = tap;
            _pump = PumpAsync();
        }

        public string? SessionId => _inner.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => _messages.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            _tap.Sent.Enqueue(message);
            return _inner.SendMessageAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync();
            await _pump;
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var message in _inner.MessageReader.ReadAllAsync())
                {
                    _tap.Received.Enqueue(message);
                    await _messages.Writer.WriteAsync(message);
                }
                _messages.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _messages.Writer.TryComplete(e);
            }
        }
    }
}
