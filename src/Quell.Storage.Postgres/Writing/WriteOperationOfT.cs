namespace Quell.Storage.Postgres.Writing;

/// <summary>A <see cref="WriteOperation"/> whose caller awaits a <typeparamref name="T"/>.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    // Continuations must not run on the writer's loop: they would stall every later batch.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected WriteOperation(CancellationToken cancellationToken)
        : base(cancellationToken)
    {
    }

    /// <summary>Completes after the operation's transaction committed and its events were published.</summary>
    public Task<T> Task => _completion.Task;

    /// <summary>Set by <see cref="WriteOperation.ExecuteAsync"/>; handed over by <see cref="Complete"/>.</summary>
    protected T Result { get; set; } = default!;

    public override void Complete() => _completion.TrySetResult(Result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
