using Quell.Events;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>Appends events that change no state; events of jobs that no longer exist are dropped.</summary>
internal sealed class AppendEventsOperation : WriteOperation<bool>
{
    private const string Exists = "SELECT 1 FROM jobs WHERE id = $id";

    private readonly IReadOnlyList<NewJobEvent> _events;

    public AppendEventsOperation(IReadOnlyList<NewJobEvent> events, CancellationToken cancellationToken)
        : base(cancellationToken) => _events = events;

    public override void Execute(WriteContext context)
    {
        string? lastJobId = null;
        var lastExists = false;
        foreach (var jobEvent in _events)
        {
            if (!string.Equals(jobEvent.JobId, lastJobId, StringComparison.Ordinal))
            {
                lastJobId = jobEvent.JobId;
                lastExists = context.Command(Exists).Bind("$id", jobEvent.JobId).ExecuteScalar() is not null;
            }
            // A job may have been purged while its handler was still logging: nothing to attach the event to.
            if (lastExists) context.AppendEvent(jobEvent.JobId, jobEvent.Type, jobEvent.Time, jobEvent.Data);
        }
        Result = true;
    }
}
