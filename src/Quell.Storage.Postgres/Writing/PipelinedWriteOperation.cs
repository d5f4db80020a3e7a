using Npgsql;

namespace Quell.Storage.Postgres.Writing;

/// <summary>
/// A write operation whose statements need nothing read before them, so the writer can send those of many such
/// operations in one round trip (one <see cref="NpgsqlBatch"/>) and then hand each operation its results in queue
/// order. Every statement it adds must return rows (<c>RETURNING</c>, <c>SELECT</c>): a failing statement then
/// surfaces while its own operation reads, and results never shift between operations.
/// </summary>
internal abstract class PipelinedWriteOperation<T> : WriteOperation<T>, IPipelined
{
    protected PipelinedWriteOperation(CancellationToken cancellationToken)
        : base(cancellationToken)
    {
    }

    /// <summary>Adds this operation's statements; the same on every replay.</summary>
    public abstract void AddCommands(NpgsqlBatch batch);

    /// <summary>
    /// Reads the rows of this operation's statements (one <see cref="BatchResults.NextAsync"/> each) and appends
    /// its events. Call <see cref="WriteContext.NoteWrite"/> for a statement that changed rows; throwing with none
    /// noted fails just this operation.
    /// </summary>
    public abstract Task ReadResultsAsync(BatchResults results, WriteContext context);

    /// <summary>Alone, as when a batch is replayed one operation at a time: its statements in one round trip of their own.</summary>
    public sealed override async Task ExecuteAsync(WriteContext context)
    {
        await using var batch = context.Batch();
        AddCommands(batch);
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        await ReadResultsAsync(new BatchResults(reader), context).ConfigureAwait(false);
    }
}

/// <summary>What the writer needs of a <see cref="PipelinedWriteOperation{T}"/>, whatever its result type.</summary>
internal interface IPipelined
{
    void AddCommands(NpgsqlBatch batch);

    Task ReadResultsAsync(BatchResults results, WriteContext context);
}
