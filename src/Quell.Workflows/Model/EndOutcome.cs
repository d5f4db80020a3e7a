using System.Text.Json.Serialization;

namespace Quell.Workflows.Model;

/// <summary>What reaching an end event says about the run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndOutcome>))]
public enum EndOutcome
{
    /// <summary>The path ended well (<c>success</c>).</summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>The path ended in failure (<c>failure</c>).</summary>
    [JsonStringEnumMemberName("failure")]
    Failure,
}
