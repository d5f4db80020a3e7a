using Microsoft.AspNetCore.Http;
using Quell.Jobs;
using Quell.Workflows.Agui;

namespace Quell.Server.Agui;

/// <summary>
/// Feeds a run's live events to an <see cref="AguiProjector"/> and writes what it returns, frame by frame, until
/// <c>RUN_FINISHED</c> or <c>RUN_ERROR</c>. Only the response stops when the client goes away: the run is a job and
/// carries on.
/// </summary>
internal static class AguiRunStream
{
    /// <summary>Sends the headers and <paramref name="first"/>, then the projected live events after <paramref name="afterSeq"/>.</summary>
    public static async Task PumpAsync(
        HttpContext context, IJobService jobs, string runId, string owner, long afterSeq, AguiProjector projector,
        AguiSseWriter writer, IReadOnlyList<AguiEvent> first)
    {
        var requestAborted = context.RequestAborted;
        try
        {
            await context.Response.StartAsync(requestAborted);
            await writer.WriteAsync(first, requestAborted);
            if (projector.IsFinished) return;
            // Stored events only: the projection is a function of the history, so live and re-attached streams agree.
            await foreach (var e in jobs.WatchAsync(runId, owner, afterSeq, includeTransient: false, requestAborted))
            {
                await writer.WriteAsync(projector.Project(e), requestAborted);
                if (projector.IsFinished) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && requestAborted.IsCancellationRequested)
        {
            // The client left; the run goes on and can be re-attached with GET /api/runs/{id}/agui.
        }
    }
}
