using Quell.Jobs;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>
/// Inserts several pending jobs as one operation, so they commit in one transaction (with whatever else the writer
/// batched). A taken id refuses only its own job: the insert wrote nothing, so the others go on.
/// </summary>
internal sealed class CreateJobsOperation : WriteOperation<IReadOnlyList<JobRecord?>>
{
    private readonly JobInsert[] _inserts;

    public CreateJobsOperation(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _inserts = new JobInsert[jobs.Count];
        for (var i = 0; i < jobs.Count; i++) _inserts[i] = new JobInsert(jobs[i]);
    }

    public override void Execute(WriteContext context)
    {
        var created = new JobRecord?[_inserts.Length];
        for (var i = 0; i < _inserts.Length; i++) created[i] = _inserts[i].Execute(context);
        Result = created;
    }
}
