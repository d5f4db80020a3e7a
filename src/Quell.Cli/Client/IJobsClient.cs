using Quell.Server.Sse;
using Quell.Server.Jobs;

namespace Quell.Cli.Client;

/// <summary>
/// What <c>quell jobs</c> needs, over HTTP (<c>--server</c>) or straight on the store (<c>--data</c>). Both give the
/// API's JSON, so <c>--json</c> prints the same thing either way. Failures are <see cref="CliException"/>s.
/// </summary>
internal interface IJobsClient : IAsyncDisposable
{
    Task<ApiResult<JobListDto>> ListAsync(string? status, string? type, int limit, int offset, CancellationToken cancellationToken);

    Task<ApiResult<JobDto>> GetAsync(string id, CancellationToken cancellationToken);

    Task<ApiResult<JobDto>> CancelAsync(string id, string? reason, string? message, CancellationToken cancellationToken);

    Task<ApiResult<Quell.Results.PartialResults>> GetPartialResultsAsync(string id, CancellationToken cancellationToken);

    /// <summary>The job's events; with <paramref name="follow"/>, live ones too until the job ends.</summary>
    IAsyncEnumerable<ApiResult<JobEventDto>> EventsAsync(string id, bool follow, CancellationToken cancellationToken);
}
