using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Jobs;
using Quell.Mcp.Tools;

namespace Quell.Mcp.Calls;

/// <summary>
/// Lets tools defined outside this assembly run a job for a <c>tools/call</c> the way Quell's own tools do: the
/// job's progress goes to the request's progress token, and <c>notifications/cancelled</c> (or the client going
/// away) cancels the job with <c>user_requested</c> and waits for it to stop. Registered by <c>WithQuellTools()</c>.
/// </summary>
public sealed class McpJobCalls
{
    private readonly JobCallRunner _runner;

    internal McpJobCalls(JobCallRunner runner) => _runner = runner;

    /// <summary>The owner a request acts for: the authenticated API key's owner over HTTP, <c>local</c> over stdio.</summary>
    public static string Owner(MessageContext request) => McpCaller.Owner(request);

    /// <summary>
    /// Starts a job with <paramref name="submit"/> and returns it once it is terminal. When the request is cancelled,
    /// the job is cancelled and this throws <see cref="OperationCanceledException"/> once it stopped (the SDK then
    /// sends no response, as the specification says).
    /// </summary>
    /// <param name="request">The tool call.</param>
    /// <param name="owner">The job's owner (see <see cref="Owner"/>).</param>
    /// <param name="submit">Submits the job; called once.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public Task<JobRecord> RunAsync(
        RequestContext<CallToolRequestParams> request, string owner, Func<CancellationToken, Task<JobRecord>> submit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(submit);
        return _runner.RunAsync(request, owner, submit, cancellationToken);
    }
}
