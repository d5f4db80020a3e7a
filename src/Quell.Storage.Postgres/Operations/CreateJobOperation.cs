using Npgsql;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Inserts a pending job, its dependency rows and <c>job.created</c>, in one statement.</summary>
internal sealed class CreateJobOperation(NewJob job, CancellationToken cancellationToken)
    : PipelinedWriteOperation<JobRecord>(cancellationToken)
{
    private readonly JobInsert _insert = new(job);

    public override void AddCommands(NpgsqlBatch batch)
    {
        NpgsqlBatchCommand command;
        if (_insert.Job.DependsOn.Count == 0)
        {
            command = new NpgsqlBatchCommand(JobInsert.InsertJobReturning);
            _insert.AddJobParameters(command.Parameters);
        }
        else
        {
            command = new NpgsqlBatchCommand(JobInsert.InsertJobWithDependencies);
            _insert.AddJobWithDependenciesParameters(command.Parameters);
        }
        batch.BatchCommands.Add(command);
    }

    public override async Task ReadResultsAsync(BatchResults results, WriteContext context)
    {
        var rows = await results.NextAsync().ConfigureAwait(false);
        // No row: the id is taken, and nothing was written.
        if (!await rows.ReadAsync().ConfigureAwait(false)) throw new DuplicateJobIdException(_insert.Job.Id);
        context.NoteWrite();
        context.AppendEvent(_insert.Job.Id, JobEventTypes.Created, _insert.Job.CreatedAt, _insert.CreatedData);
        Result = _insert.Record();
    }
}
