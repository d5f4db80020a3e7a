using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Quell.Jobs;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Storage;

namespace Quell.Server.Jobs;

/// <summary><c>GET /api/jobs?status=&amp;type=&amp;limit=&amp;offset=</c>: the caller's jobs, newest first.</summary>
internal static class ListJobs
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    // Query values arrive as strings so that a bad value is a 400 with a sentence, not a binding failure.
    public static async Task<Results<Ok<JobListDto>, ProblemHttpResult>> HandleAsync(
        ClaimsPrincipal user, IJobService jobs, string? status, string? type, string? limit, string? offset,
        CancellationToken cancellationToken)
    {
        JobStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!JobStatusExtensions.TryParseWireName(status, out var parsed))
            {
                var valid = string.Join(", ", Enum.GetValues<JobStatus>().Select(s => s.ToWireName()));
                return Problems.BadRequest("Invalid status filter", $"Unknown status '{status}'. Use one of: {valid}.");
            }
            statusFilter = parsed;
        }
        if (!TryParse(limit, DefaultLimit, 1, MaxLimit, out var take))
        {
            return Problems.BadRequest("Invalid limit", $"'limit' must be a whole number from 1 to {MaxLimit}.");
        }
        if (!TryParse(offset, 0, 0, int.MaxValue, out var skip))
        {
            return Problems.BadRequest("Invalid offset", "'offset' must be a whole number of 0 or more.");
        }

        var query = new JobQuery(user.Owner(), statusFilter, string.IsNullOrEmpty(type) ? null : type, take, skip);
        var page = await jobs.ListAsync(query, cancellationToken);
        return TypedResults.Ok(new JobListDto([.. page.Items.Select(JobDto.From)], page.Total, page.Limit, page.Offset));
    }

    private static bool TryParse(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
