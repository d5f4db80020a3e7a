using System.Text.Json;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Sqlite.Writing;

namespace Quell.Storage.Sqlite.Operations;

/// <summary>
/// One pending job to insert, its values serialized up front (on the caller's thread, keeping the writer's critical
/// path to SQLite calls): the job row, its dependency rows and <c>job.created</c>.
/// </summary>
internal sealed class JobInsert
{
    private const string InsertJob = """
        INSERT OR IGNORE INTO jobs (id, type, owner, status, input, timeout_seconds, depends_on, attempt, created_at, parent_id)
        VALUES ($id, $type, $owner, 'pending', $input, $timeout_seconds, $depends_on, 0, $created_at, $parent_id)
        """;

    private const string InsertDependency =
        "INSERT OR IGNORE INTO job_dependencies (job_id, depends_on) VALUES ($job_id, $depends_on)";

    private readonly NewJob _job;
    private readonly object _dependsOn;
    private readonly object _input;
    private readonly JsonElement _data;

    public JobInsert(NewJob job)
    {
        _job = job;
        _dependsOn = job.DependsOn.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(job.DependsOn, QuellJson.Ids);
        _input = SqliteValues.ToDb(job.Input);
        _data = JobEventData.Created(job);
    }

    public string Id => _job.Id;

    /// <summary>Inserts the job; null, having written nothing, when its id is taken.</summary>
    public JobRecord? Execute(WriteContext context)
    {
        var inserted = context.Write(context.Statement(InsertJob)
            .Bind("$id", _job.Id)
            .Bind("$type", _job.Type)
            .Bind("$owner", _job.Owner)
            .Bind("$input", _input)
            .Bind("$timeout_seconds", SqliteValues.ToDb(_job.TimeoutSeconds))
            .Bind("$depends_on", _dependsOn)
            .Bind("$created_at", SqliteValues.ToUnixMs(_job.CreatedAt))
            .Bind("$parent_id", _job.ParentId));
        if (inserted == 0) return null;

        foreach (var dependency in _job.DependsOn)
        {
            context.Write(context.Statement(InsertDependency).Bind("$job_id", _job.Id).Bind("$depends_on", dependency));
        }
        context.AppendEvent(_job.Id, JobEventTypes.Created, _job.CreatedAt, _data);
        return new JobRecord
        {
            Id = _job.Id,
            Type = _job.Type,
            Owner = _job.Owner,
            Status = JobStatus.Pending,
            Input = _job.Input,
            TimeoutSeconds = _job.TimeoutSeconds,
            DependsOn = [.. _job.DependsOn],
            ParentId = _job.ParentId,
            CreatedAt = SqliteValues.Truncate(_job.CreatedAt),
        };
    }
}
