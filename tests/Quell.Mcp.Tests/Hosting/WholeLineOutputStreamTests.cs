using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Mcp.Hosting;

namespace Quell.Mcp.Tests.Hosting;

/// <summary>
/// A message the SDK's stream transport sends is two writes, its JSON and then its newline, both with the caller's
/// token (for a response or a progress notification, the request's token, which the client's cancel fires). A cancel
/// that lands between them leaves half a line, and the client then fails to parse the next message, which is glued to
/// it, and drops it: a response lost, a client waiting forever. <see cref="WholeLineOutputStream"/> keeps every line whole.
/// </summary>
public sealed class WholeLineOutputStreamTests
{
    [Fact]
    public async Task The_sdk_transport_leaves_half_a_line_when_the_token_fires_between_the_json_and_the_newline()
    {
        using var cancel = new CancellationTokenSource();
        var output = new CancelAfterFirstWrite(cancel);
        await using var transport = new StreamServerTransport(new BlockingInput(), output);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendMessageAsync(Progress(1), cancel.Token));
        await transport.SendMessageAsync(Progress(2), CancellationToken.None);

        // Without the wrapper the two messages share one line: the receiver cannot parse either of them. (When an SDK
        // update makes this fail, the SDK writes whole lines itself and the wrapper can go.)
        var line = Assert.Single(output.Lines());
        Assert.Contains("\"progress\":1", line, StringComparison.Ordinal);
        Assert.Contains("\"progress\":2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_wrapper_every_message_ends_its_own_line_whatever_the_token_does()
    {
        using var cancel = new CancellationTokenSource();
        var output = new CancelAfterFirstWrite(cancel);
        await using var transport = new StreamServerTransport(new BlockingInput(), new WholeLineOutputStream(output));

        try
        {
            await transport.SendMessageAsync(Progress(1), cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Allowed: the caller's send may report its cancel, as long as the line went out whole.
        }
        await transport.SendMessageAsync(Progress(2), CancellationToken.None);

        var lines = output.Lines();
        Assert.Equal(2, lines.Count);
        Assert.Contains("\"progress\":1", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"progress\":2", lines[1], StringComparison.Ordinal);
    }

    private static JsonRpcNotification Progress(int value) => new()
    {
        Method = NotificationMethods.ProgressNotification,
        Params = System.Text.Json.Nodes.JsonNode.Parse($$"""{"progressToken":"t","progress":{{value}}}"""),
    };

    /// <summary>An output that fires the token as soon as the first bytes were written, as a client's cancel may.</summary>
    private sealed class CancelAfterFirstWrite(CancellationTokenSource cancel) : MemoryStream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await base.WriteAsync(buffer, CancellationToken.None);
            await cancel.CancelAsync();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }

        public List<string> Lines() =>
            [.. Encoding.UTF8.GetString(ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>An input with nothing to read until the transport is disposed.</summary>
    private sealed class BlockingInput : Stream
    {
        private readonly CancellationTokenSource _closed = new();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => 0;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, both.Token);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _closed.Cancel();
            base.Dispose(disposing);
        }
    }
}
