using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Quell.Events;
using Quell.Jobs;
using Quell.Serialization;

namespace Quell.Storage.Postgres.Operations;

/// <summary>One pending job to insert, serialized on the caller's thread so the writer's critical path is database calls only.</summary>
internal sealed class JobInsert
{
    public const string InsertJob = """
        INSERT INTO jobs (id, type, owner, status, input, timeout_seconds, depends_on, attempt, created_at, parent_id)
        VALUES (@id, @type, @owner, 'pending', @input, @timeout_seconds, @depends_on, 0, @created_at, @parent_id)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary><see cref="InsertJob"/> answering with a row when it inserted, for a pipelined create.</summary>
    public const string InsertJobReturning = InsertJob + " RETURNING created_seq";

    /// <summary>
    /// A job with dependencies in one statement: its dependency rows are written only when the job row was, so a
    /// taken id (pipelined, the statements run before anyone looks at the first one's result) adds nothing.
    /// </summary>
    public const string InsertJobWithDependencies = """
        WITH inserted AS (
            INSERT INTO jobs (id, type, owner, status, input, timeout_seconds, depends_on, attempt, created_at, parent_id)
            VALUES (@id, @type, @owner, 'pending', @input, @timeout_seconds, @depends_on, 0, @created_at, @parent_id)
            ON CONFLICT (id) DO NOTHING
            RETURNING id, created_seq),
        dependencies AS (
            INSERT INTO job_dependencies (job_id, depends_on)
            SELECT inserted.id, d FROM inserted, unnest(@dependency_ids) AS d
            ON CONFLICT DO NOTHING)
        SELECT created_seq FROM inserted
        """;

    public const string InsertDependencies = """
        INSERT INTO job_dependencies (job_id, depends_on) SELECT @job_id, unnest(@depends_on)
        ON CONFLICT DO NOTHING
        """;

    private readonly string? _dependsOn;
    private readonly string? _input;

    public JobInsert(NewJob job)
    {
        Job = job;
        _dependsOn = job.DependsOn.Count == 0 ? null : JsonSerializer.Serialize(job.DependsOn, QuellJson.Ids);
        _input = PostgresValues.ToJson(job.Input);
        CreatedData = JobEventData.Created(job);
    }

    public NewJob Job { get; }

    /// <summary>The <c>job.created</c> event's data.</summary>
    public JsonElement CreatedData { get; }

    /// <summary>Fills the parameters of <see cref="InsertJob"/>.</summary>
    public void AddJobParameters(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("id", Job.Id);
        parameters.AddWithValue("type", Job.Type);
        parameters.AddWithValue("owner", Job.Owner);
        parameters.Add(PostgresValues.Json("input", _input));
        parameters.AddWithValue("timeout_seconds", NpgsqlDbType.Integer, PostgresValues.ToDb(Job.TimeoutSeconds));
        parameters.Add(PostgresValues.Json("depends_on", _dependsOn));
        parameters.AddWithValue("created_at", PostgresValues.ToDb(Job.CreatedAt));
        parameters.AddWithValue("parent_id", NpgsqlDbType.Text, PostgresValues.ToDb(Job.ParentId));
    }

    /// <summary>Fills the parameters of <see cref="InsertJobWithDependencies"/>.</summary>
    public void AddJobWithDependenciesParameters(NpgsqlParameterCollection parameters)
    {
        AddJobParameters(parameters);
        parameters.AddWithValue("dependency_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, Job.DependsOn.ToArray());
    }

    /// <summary>Fills the parameters of <see cref="InsertDependencies"/>; only for a job with dependencies.</summary>
    public void AddDependencyParameters(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("job_id", Job.Id);
        parameters.AddWithValue("depends_on", NpgsqlDbType.Array | NpgsqlDbType.Text, Job.DependsOn.ToArray());
    }

    /// <summary>The job as stored, once inserted.</summary>
    public JobRecord Record() => new()
    {
        Id = Job.Id,
        Type = Job.Type,
        Owner = Job.Owner,
        Status = JobStatus.Pending,
        Input = Job.Input,
        TimeoutSeconds = Job.TimeoutSeconds,
        DependsOn = [.. Job.DependsOn],
        ParentId = Job.ParentId,
        CreatedAt = PostgresValues.Truncate(Job.CreatedAt),
    };
}
