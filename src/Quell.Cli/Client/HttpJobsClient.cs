using Quell.Server.Sse;
using Quell.Server.Jobs;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quell.Results;

namespace Quell.Cli.Client;

/// <summary><see cref="IJobsClient"/> over the server's HTTP API; problem details become one clean error line.</summary>
internal sealed class HttpJobsClient : IJobsClient
{
    // History arrives in one burst; without --follow the stream is left once it goes quiet this long.
    private static readonly TimeSpan HistoryQuietPeriod = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;

    public HttpJobsClient(Uri server, string? apiKey)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Task<ApiResult<JobListDto>> ListAsync(string? status, string? type, int limit, int offset, CancellationToken cancellationToken)
    {
        var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"api/jobs?limit={limit}&offset={offset}"));
        if (status is not null) query.Append("&status=").Append(Uri.EscapeDataString(status));
        if (type is not null) query.Append("&type=").Append(Uri.EscapeDataString(type));
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, query.ToString()), null, CliJsonContext.Default.JobListDto, cancellationToken);
    }

    public Task<ApiResult<JobDto>> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, JobPath(id)), id, CliJsonContext.Default.JobDto, cancellationToken);

    public Task<ApiResult<JobDto>> CancelAsync(string id, string? reason, string? message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new CancelJobBody(reason, message), CliJsonContext.Default.CancelJobBody);
        var request = new HttpRequestMessage(HttpMethod.Post, JobPath(id) + "/cancel")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, id, CliJsonContext.Default.JobDto, cancellationToken);
    }

    public Task<ApiResult<PartialResults>> GetPartialResultsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, JobPath(id) + "/partial-results"), null,
            CliJsonContext.Default.PartialResults, cancellationToken);

    public async IAsyncEnumerable<ApiResult<JobEventDto>> EventsAsync(
        string id, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, JobPath(id) + "/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, id, cancellationToken).ConfigureAwait(false);

        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var items = SseParser.Create(stream).EnumerateAsync(quiet.Token).GetAsyncEnumerator(quiet.Token);
            try
            {
                while (true)
                {
                    if (!follow) quiet.CancelAfter(HistoryQuietPeriod);
                    bool more;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        yield break; // quiet: the history has been read
                    }
                    if (!more) yield break;
                    var data = items.Current.Data;
                    var document = JsonSerializer.Deserialize(data, CliJsonContext.Default.JobEventDto)
                        ?? throw new CliException("The server sent an empty event.");
                    // Without --follow only the stored history is shown, not live progress.
                    if (!follow && document.Seq == 0) continue;
                    yield return new ApiResult<JobEventDto>(document, data);
                }
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpRequestMessage request, string? jobId, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, jobId, cancellationToken).ConfigureAwait(false);
            var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var value = JsonSerializer.Deserialize(json, typeInfo) ?? throw new CliException("The server answered with an empty document.");
            return new ApiResult<T>(value, json);
        }
    }

    private static async Task<CliException> ErrorAsync(HttpResponseMessage response, string? jobId, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotFound && jobId is not null) return JobNotFound.For(jobId);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new CliException($"The server refused the request (401): give a valid API key with --api-key or ${Commands.CliOptions.ApiKeyVariable}.");
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ProblemDocument? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize(text, CliJsonContext.Default.ProblemDocument);
        }
        catch (JsonException)
        {
        }
        var detail = problem?.Detail ?? problem?.Title;
        return new CliException(detail ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }

    private static string JobPath(string id) => "api/jobs/" + Uri.EscapeDataString(id);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
