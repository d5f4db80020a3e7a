using System.Text.Json.Serialization;

namespace Quell.Cancellation;

/// <summary>Why a job was cancelled. Travels with the job, not with the exception.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancellationReason>))]
public enum CancellationReason
{
    /// <summary>A person or a client asked for it.</summary>
    [JsonStringEnumMemberName("user_requested")] UserRequested,
    /// <summary>The job ran past its <c>timeoutSeconds</c>.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,
    /// <summary>The host is stopping.</summary>
    [JsonStringEnumMemberName("system_shutdown")] SystemShutdown,
    /// <summary>A budget the job was given (items, tokens, bytes) ran out.</summary>
    [JsonStringEnumMemberName("resource_limit")] ResourceLimit,
    /// <summary>A job this one depends on failed or was cancelled.</summary>
    [JsonStringEnumMemberName("dependency_failed")] DependencyFailed,
}
