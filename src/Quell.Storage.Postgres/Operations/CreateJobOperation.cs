using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Inserts a pending job, its dependency rows and <c>job.created</c>.</summary>
internal sealed class CreateJobOperation(NewJob job, CancellationToken cancellationToken)
    : WriteOperation<JobRecord>(cancellationToken)
{
    private readonly JobInsert _insert = new(job);

    public override async Task ExecuteAsync(WriteContext context)
    {
        var insert = context.Command(JobInsert.InsertJob);
        _insert.AddJobParameters(insert.Parameters);
        if (await context.WriteAsync(insert).ConfigureAwait(false) == 0) throw new DuplicateJobIdException(_insert.Job.Id);

        if (_insert.Job.DependsOn.Count > 0)
        {
            var dependencies = context.Command(JobInsert.InsertDependencies);
            _insert.AddDependencyParameters(dependencies.Parameters);
            await context.WriteAsync(dependencies).ConfigureAwait(false);
        }
        context.AppendEvent(_insert.Job.Id, JobEventTypes.Created, _insert.Job.CreatedAt, _insert.CreatedData);
        Result = _insert.Record();
    }
}
