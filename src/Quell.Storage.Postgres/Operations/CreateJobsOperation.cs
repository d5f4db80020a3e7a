using Npgsql;
using Quell.Events;
using Quell.Jobs;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>
/// Inserts several pending jobs in one operation, so in one transaction, and the inserts in one round trip: a batch
/// of a thousand would otherwise hold the event-log head, and so every node's writes, for a thousand round trips.
/// A job whose id is taken, by an existing job or an earlier one of the list, is skipped and answered null.
/// </summary>
internal sealed class CreateJobsOperation : WriteOperation<IReadOnlyList<JobRecord?>>
{
    private readonly JobInsert[] _inserts;

    public CreateJobsOperation(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken)
        : base(cancellationToken) =>
        _inserts = [.. jobs.Select(job => new JobInsert(job))];

    public override async Task ExecuteAsync(WriteContext context)
    {
        var created = new JobRecord?[_inserts.Length];
        // The statements run in order: a repeated id in the list inserts nothing the second time.
        var inserted = await context.WriteEachAsync(_inserts, JobInsert.InsertJob, static (i, p) => i.AddJobParameters(p))
            .ConfigureAwait(false);
        var withDependencies = _inserts.Where((insert, k) => inserted[k] > 0 && insert.Job.DependsOn.Count > 0).ToList();
        if (withDependencies.Count > 0)
        {
            await context.WriteEachAsync(withDependencies, JobInsert.InsertDependencies, static (i, p) => i.AddDependencyParameters(p))
                .ConfigureAwait(false);
        }
        for (var k = 0; k < _inserts.Length; k++)
        {
            if (inserted[k] == 0) continue;
            var insert = _inserts[k];
            context.AppendEvent(insert.Job.Id, JobEventTypes.Created, insert.Job.CreatedAt, insert.CreatedData);
            created[k] = insert.Record();
        }
        Result = created;
    }
}
