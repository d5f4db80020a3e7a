namespace Quell.Mcp.Hosting;

/// <summary>
/// A read-only stream over standard input that says when the client closed it. The SDK's session waits for
/// in-flight requests before its run ends, so the end of the run comes too late to cancel the jobs of a client
/// that left; the end of its input does not.
/// </summary>
internal sealed class EndOfInputStream(Stream inner) : Stream
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a read returned no bytes or failed: the client is gone.</summary>
    public Task Ended => _ended.Task;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Observe(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Observe(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException)
        {
            _ended.TrySetResult();
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int Observe(int read)
    {
        if (read == 0) _ended.TrySetResult();
        return read;
    }
}
