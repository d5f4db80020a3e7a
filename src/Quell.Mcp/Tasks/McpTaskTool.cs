using System.Text.Json;
using Quell.Jobs;

namespace Quell.Mcp.Tasks;

/// <summary>
/// A tool that may run as an MCP task (<c>execution.taskSupport: "optional"</c>): its name, the job type it runs,
/// and how its arguments become that job's submission. Registered as a singleton; the task filter and the
/// <c>tools/list</c> decoration both read the registered set.
/// </summary>
/// <param name="Name">The tool's name, as in <c>tools/list</c>.</param>
/// <param name="JobType">The job type its jobs have (used to find task jobs again after a restart).</param>
/// <param name="ToSubmission">
/// Builds the submission from the call's <c>arguments</c> (null when absent) and the caller's owner; throws
/// <see cref="McpTaskException"/> for arguments the tool would not accept.
/// </param>
internal sealed record McpTaskTool(string Name, string JobType, Func<JsonElement?, string, JobSubmission> ToSubmission);
