using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;

namespace Quell.Server.Sse;

/// <summary>
/// <c>GET /api/jobs/{id}/events</c>: stored events (<c>id:</c> = seq), then live ones until the terminal event,
/// when the stream ends. Live progress between persisted progress events has no <c>id:</c>, so a reconnect
/// never resumes from it. <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) resumes after that seq.
/// </summary>
internal static class JobEventStream
{
    public static async Task<Results<ServerSentEventsResult<JobEventDto>, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, IJobService jobs,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        CancellationToken cancellationToken)
    {
        var resumeFrom = lastEventIdHeader ?? lastEventId;
        long afterSeq = 0;
        if (!string.IsNullOrEmpty(resumeFrom) &&
            (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq)))
        {
            return Problems.BadRequest("Invalid Last-Event-ID", "Last-Event-ID must be the id (seq) of an event received earlier.");
        }
        var owner = user.Owner();
        if (await jobs.GetAsync(id, owner, cancellationToken) is null) return Problems.JobNotFound(id);
        return TypedResults.ServerSentEvents(StreamAsync(jobs, id, owner, afterSeq, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<JobEventDto>> StreamAsync(
        IJobService jobs, string id, string owner, long afterSeq,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in jobs.WatchAsync(id, owner, afterSeq, includeTransient: true, cancellationToken))
        {
            yield return new SseItem<JobEventDto>(JobEventDto.From(e), e.Type)
            {
                EventId = e.IsTransient ? null : e.Seq.ToString(CultureInfo.InvariantCulture),
            };
        }
    }
}
