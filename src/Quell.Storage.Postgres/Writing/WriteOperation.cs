namespace Quell.Storage.Postgres.Writing;

/// <summary>
/// One unit of work for the node's writer. <see cref="ExecuteAsync"/> runs on the writer's connection inside the
/// batch transaction and may run more than once (the batch is replayed without an operation that failed after
/// writing, or whose statement failed and so aborted the transaction), so it must derive everything from its inputs
/// and the database and keep only its latest result.
/// </summary>
internal abstract class WriteOperation
{
    protected WriteOperation(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The caller's token; honoured only while the operation is still queued.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Does the work. Throw before writing anything to fail just this operation cheaply.</summary>
    public abstract Task ExecuteAsync(WriteContext context);

    /// <summary>Hands the result of the last <see cref="ExecuteAsync"/> to the caller, after commit.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Cancels the caller's task; the operation never ran.</summary>
    public abstract void Cancel();
}
