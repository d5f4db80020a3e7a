using System.Text.Json.Serialization;

namespace Quell.Results;

/// <summary>How much of a job's work its results cover.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartialResultStatus>))]
public enum PartialResultStatus
{
    /// <summary>Nothing was finished.</summary>
    [JsonStringEnumMemberName("empty")] Empty,
    /// <summary>Some of the work was finished before the job stopped.</summary>
    [JsonStringEnumMemberName("partial")] Partial,
    /// <summary>All of the work was finished.</summary>
    [JsonStringEnumMemberName("complete")] Complete,
}
