using System.Text.Json.Serialization;

namespace Quell.Server.Jobs;

/// <summary>The answer to <c>POST /api/jobs:batch</c>: one item per submitted job, in the order sent.</summary>
public sealed record JobBatchDto(int Accepted, int Refused, IReadOnlyList<JobBatchItemDto> Items);

/// <summary>
/// What became of one job of a batch: <see cref="Status"/> 202 with the <see cref="Job"/>, or the status a single
/// <c>POST /api/jobs</c> would have answered with its <see cref="Problem"/>.
/// </summary>
public sealed record JobBatchItemDto(
    int Index,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobDto? Job,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ItemProblemDto? Problem);

/// <summary>An RFC 9457 problem document for one item of a batch.</summary>
public sealed record ItemProblemDto(string Type, string Title, int Status, string Detail)
{
    /// <summary>A problem with the type URI ASP.NET Core gives the same status (RFC 9110's section for it).</summary>
    public static ItemProblemDto For(int status, string title, string detail) => new(
        status == 409 ? "https://tools.ietf.org/html/rfc9110#section-15.5.10" : "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        title, status, detail);
}
