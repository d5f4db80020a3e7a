using System.Text.Json;
using NpgsqlTypes;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;
using Quell.Storage.Postgres.Writing;

namespace Quell.Storage.Postgres.Operations;

/// <summary>Inserts a pending job, its dependency rows and <c>job.created</c>.</summary>
internal sealed class CreateJobOperation : WriteOperation<JobRecord>
{
    private const string InsertJob = """
        INSERT INTO jobs (id, type, owner, status, input, timeout_seconds, depends_on, attempt, created_at, parent_id)
        VALUES (@id, @type, @owner, 'pending', @input, @timeout_seconds, @depends_on, 0, @created_at, @parent_id)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string InsertDependencies = """
        INSERT INTO job_dependencies (job_id, depends_on) SELECT @job_id, unnest(@depends_on)
        ON CONFLICT DO NOTHING
        """;

    private readonly NewJob _job;
    private readonly string? _dependsOn;
    private readonly string? _input;
    private readonly JsonElement _data;

    public CreateJobOperation(NewJob job, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        // Serialization happens on the caller's thread, keeping the writer's critical path to database calls.
        _job = job;
        _dependsOn = job.DependsOn.Count == 0 ? null : JsonSerializer.Serialize(job.DependsOn, QuellJson.Ids);
        _input = PostgresValues.ToJson(job.Input);
        _data = JobEventData.Created(job);
    }

    public override async Task ExecuteAsync(WriteContext context)
    {
        var insert = context.Command(InsertJob);
        insert.Parameters.AddWithValue("id", _job.Id);
        insert.Parameters.AddWithValue("type", _job.Type);
        insert.Parameters.AddWithValue("owner", _job.Owner);
        insert.Parameters.Add(PostgresValues.Json("input", _input));
        insert.Parameters.AddWithValue("timeout_seconds", NpgsqlDbType.Integer, PostgresValues.ToDb(_job.TimeoutSeconds));
        insert.Parameters.Add(PostgresValues.Json("depends_on", _dependsOn));
        insert.Parameters.AddWithValue("created_at", PostgresValues.ToDb(_job.CreatedAt));
        insert.Parameters.AddWithValue("parent_id", NpgsqlDbType.Text, PostgresValues.ToDb(_job.ParentId));
        if (await context.WriteAsync(insert).ConfigureAwait(false) == 0) throw new DuplicateJobIdException(_job.Id);

        if (_job.DependsOn.Count > 0)
        {
            var dependencies = context.Command(InsertDependencies);
            dependencies.Parameters.AddWithValue("job_id", _job.Id);
            dependencies.Parameters.AddWithValue("depends_on", NpgsqlDbType.Array | NpgsqlDbType.Text, _job.DependsOn.ToArray());
            await context.WriteAsync(dependencies).ConfigureAwait(false);
        }
        context.AppendEvent(_job.Id, JobEventTypes.Created, _job.CreatedAt, _data);
        Result = new JobRecord
        {
            Id = _job.Id,
            Type = _job.Type,
            Owner = _job.Owner,
            Status = JobStatus.Pending,
            Input = _job.Input,
            TimeoutSeconds = _job.TimeoutSeconds,
            DependsOn = [.. _job.DependsOn],
            ParentId = _job.ParentId,
            CreatedAt = PostgresValues.Truncate(_job.CreatedAt),
        };
    }
}
