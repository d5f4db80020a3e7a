using System.Text.Json;

namespace Quell.Server.Jobs;

/// <summary>The body of <c>POST /api/jobs</c>.</summary>
/// <param name="Type">A registered job type.</param>
/// <param name="Input">The job's input; an empty object when absent.</param>
/// <param name="TimeoutSeconds">Cancel with <c>timeout</c> after this many seconds of running.</param>
/// <param name="DependsOn">Ids of jobs that must complete first.</param>
internal sealed record SubmitJobRequest(
    string? Type,
    JsonElement? Input,
    int? TimeoutSeconds,
    IReadOnlyList<string>? DependsOn);
