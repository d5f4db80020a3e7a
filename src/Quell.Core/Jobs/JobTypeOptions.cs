namespace Quell.Jobs;

/// <summary>How the runtime treats one job type.</summary>
public sealed class JobTypeOptions
{
    /// <summary>
    /// When true, a run that a dead process left <c>running</c> is put back in the queue at start-up instead of
    /// failing as "interrupted". Declare it only for idempotent handlers.
    /// </summary>
    public bool SafeToRetry { get; set; }

    /// <summary>Seconds a job of this type may run when the submission names no timeout; null for no limit.</summary>
    public int? DefaultTimeoutSeconds { get; set; }

    /// <summary>
    /// How many jobs of this type may run at once on a node, in slots of their own; null (the default) to share the
    /// node's <c>MaxConcurrency</c> slots with every other type. Give a type whose jobs wait on child jobs (such as
    /// workflow runs) slots of its own: otherwise parents waiting on children can hold every slot the children need.
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>One sentence for listings (CLI, OpenAPI, MCP tools).</summary>
    public string? Description { get; set; }

    /// <summary>
    /// When true, Quell's MCP server offers this job type as a tool that runs one job to its end, with progress
    /// notifications and cancellation. Its input schema is generated from <see cref="InputType"/>.
    /// </summary>
    public bool ExposeAsMcpTool { get; set; }

    /// <summary>The tool's name; null for the job type with dots turned into underscores (<c>report.build</c> → <c>report_build</c>).</summary>
    public string? McpToolName { get; set; }

    /// <summary>The handler's input type, set when the job type is registered (for input schemas).</summary>
    public Type? InputType { get; internal set; }

    /// <summary>Offers this job type as an MCP tool (<see cref="ExposeAsMcpTool"/>), optionally naming and describing it.</summary>
    public JobTypeOptions AsMcpTool(string? name = null, string? description = null)
    {
        ExposeAsMcpTool = true;
        if (name is not null) McpToolName = name;
        if (description is not null) Description = description;
        return this;
    }
}
