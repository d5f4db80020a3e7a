namespace Quell.Storage.Sqlite.Writing;

/// <summary>
/// One unit of work for the single writer. <see cref="Execute"/> runs on the writer's connection inside the
/// batch transaction and may run more than once (the batch is replayed when another operation fails after
/// writing), so it must derive everything from its inputs and the database and keep only its latest result.
/// </summary>
internal abstract class WriteOperation
{
    protected WriteOperation(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The caller's token; honoured only while the operation is still queued.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Whether the writer runs this after the other operations of its batch, whatever their queue order. Only for
    /// operations that any queue order leaves correct, and that do better seeing the batch's other writes.
    /// </summary>
    public virtual bool RunsLast => false;

    /// <summary>Does the work. Throw before writing anything to fail just this operation cheaply.</summary>
    public abstract void Execute(WriteContext context);

    /// <summary>Hands the result of the last <see cref="Execute"/> to the caller, after commit.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Cancels the caller's task; the operation never ran.</summary>
    public abstract void Cancel();
}
