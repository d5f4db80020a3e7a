using System.Text.Json;

namespace Quell.Server.Jobs;

/// <summary>
/// The body of <c>POST /api/jobs:batch</c>: <c>{"jobs": [...]}</c>, each item what <c>POST /api/jobs</c> takes. The
/// items stay raw JSON here so that an item of the wrong shape refuses only itself.
/// </summary>
internal sealed record SubmitJobBatchRequest
{
    /// <summary>The jobs to submit, 1 to <see cref="Quell.Jobs.JobSubmission.MaxBatchCount"/> of them.</summary>
    public IReadOnlyList<JsonElement>? Jobs { get; init; }
}
