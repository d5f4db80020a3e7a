namespace Quell.Jobs;

/// <summary>
/// The code of a job type. The input is deserialized from the submitted JSON; the result is serialized as the
/// job's result. Throwing <see cref="OperationCanceledException"/> for the context's token is a cancellation,
/// anything else a failure. Handlers are resolved from DI per run (scoped).
/// </summary>
public interface IJobHandler<in TInput, TResult>
{
    /// <summary>Runs the job.</summary>
    Task<TResult> ExecuteAsync(TInput input, IJobContext context);
}
