namespace Quell.Mcp.Hosting;

/// <summary>
/// The output stream of a stdio MCP server that never leaves half a message behind. The SDK's stream transport
/// (2.3.1) writes each message as its JSON and then a newline, both with the sender's token; for a response or a
/// progress notification that is the request's token, which the client's <c>notifications/cancelled</c> fires. A
/// cancel between the two writes left the JSON without its newline, the next message was glued to it, and the client
/// could parse neither: that message was lost (seen as a <c>list_jobs</c> response that never came, after a cancel).
/// Here writes ignore the token, so a message the transport started goes out whole, newline included; a message it
/// has not started is still dropped when the token already fired (the transport checks it before writing).
/// </summary>
/// <remarks>
/// A write blocked on a full pipe can then no longer be cancelled; disposing the stream (the session closing) ends it.
/// </remarks>
/// <param name="inner">Standard output, or any stream the transport writes to.</param>
public sealed class WholeLineOutputStream(Stream inner) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, CancellationToken.None);

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, CancellationToken.None);

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(CancellationToken.None);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
