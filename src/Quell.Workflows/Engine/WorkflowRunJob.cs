using Quell.Agents.Runner;
using Quell.Jobs;
using Quell.Workflows.Loading;

namespace Quell.Workflows.Engine;

/// <summary>
/// The <c>workflow.run</c> job: loads the definition from the input's text and runs it (see
/// <see cref="WorkflowExecution"/>). Ends completed with <c>{outcome: "success", outputs}</c>, failed with an error
/// naming why the outcome is failed, or cancelled when the run itself was cancelled.
/// </summary>
public sealed class WorkflowRunJob(
    IJobService jobs, IAgentToolboxFactory toolboxes, Runs.ElementCancellation elementCancellation, TimeProvider? timeProvider = null)
    : IJobHandler<WorkflowRunInput, WorkflowRunResult>
{
    /// <summary>The job type name.</summary>
    public const string JobType = "workflow.run";

    /// <inheritdoc />
    public Task<WorkflowRunResult> ExecuteAsync(WorkflowRunInput input, IJobContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var format = input.ParsedFormat ?? throw new ArgumentException("format must be 'yaml' or 'bpmn'.", nameof(input));
        var definition = WorkflowLoader.Load(input.Source, format, input.WorkflowId);
        return new WorkflowExecution(definition, input, context, jobs, toolboxes, new AgentRunner(timeProvider), elementCancellation).RunAsync();
    }
}
