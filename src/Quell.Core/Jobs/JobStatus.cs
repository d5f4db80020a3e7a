using System.Text.Json.Serialization;

namespace Quell.Jobs;

/// <summary>The states of a job. A job reaches exactly one terminal state, ever.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    /// <summary>Accepted and waiting for a worker (or for its dependencies).</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    /// <summary>A handler is executing it.</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>A cancel was requested and signalled; the handler has not stopped yet.</summary>
    [JsonStringEnumMemberName("cancelling")] Cancelling,
    /// <summary>Terminal: stopped by a cancellation.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>Terminal: the handler returned a result.</summary>
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>Terminal: the handler threw, or the job was interrupted.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
