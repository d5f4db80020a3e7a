using System.Text.Json;

namespace Quell.Server.Jobs;

/// <summary>The body of <c>POST /api/jobs</c>.</summary>
internal sealed record SubmitJobRequest
{
    /// <summary>A registered job type, such as <c>csv.analyze</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The job's input, a JSON object whose shape the job type defines.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Cancel with <c>timeout</c> after this many seconds of running.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Ids of jobs that must complete first; if one fails or is cancelled, this job is cancelled too.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }
}
