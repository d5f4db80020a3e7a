using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Quell.Events;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Workflows;
using Quell.Workflows.Agui;

namespace Quell.Server.Agui;

/// <summary>
/// <c>GET /api/runs/{id}/agui</c>: a fresh AG-UI stream of a run: <c>RUN_STARTED</c>, <c>MESSAGES_SNAPSHOT</c> and
/// <c>STATE_SNAPSHOT</c> of the run so far (see <see cref="AguiSnapshot"/>), then only the events stored after them.
/// </summary>
internal static class ReattachAguiRun
{
    private const int PageSize = 1000;

    public static async Task<IResult> HandleAsync(
        string id, HttpContext context, ClaimsPrincipal user, IJobService jobs, CancellationToken cancellationToken)
    {
        var owner = user.Owner();
        if (await RunRoutes.FindAsync(jobs, id, owner, cancellationToken) is null) return WorkflowProblems.RunNotFound(id);

        var snapshot = AguiSnapshot.Build(await ReadHistoryAsync(jobs, id, owner, cancellationToken), id);
        var writer = AguiResponse.Start(context.Response);
        await AguiRunStream.PumpAsync(context, jobs, id, owner, snapshot.LastSeq, snapshot.Projector, writer, snapshot.Events);
        return TypedResults.Empty;
    }

    private static async Task<List<JobEvent>> ReadHistoryAsync(IJobService jobs, string id, string owner, CancellationToken cancellationToken)
    {
        var history = new List<JobEvent>();
        while (true)
        {
            var after = history.Count == 0 ? 0 : history[^1].Seq;
            var page = await jobs.ReadEventsAsync(id, owner, after, PageSize, cancellationToken);
            if (page is null || page.Count == 0) return history;
            history.AddRange(page);
            if (page.Count < PageSize) return history;
        }
    }
}
