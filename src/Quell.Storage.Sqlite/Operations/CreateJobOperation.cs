using Quell.Jobs;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Inserts a pending job, its dependency rows and <c>job.created</c>.</summary>
internal sealed class CreateJobOperation(NewJob job, CancellationToken cancellationToken)
    : WriteOperation<JobRecord>(cancellationToken)
{
    private readonly JobInsert _insert = new(job);

    public override void Execute(WriteContext context) =>
        Result = _insert.Execute(context) ?? throw new DuplicateJobIdException(_insert.Id);
}
