using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quell.Workflows.Catalog;
using Quell.Workflows.Engine;
using Quell.Workflows.Runs;

namespace Quell.Hosting;

/// <summary>Registers workflows: the <c>workflow.run</c> job, the catalog, the runs service and <c>llm.generate</c>.</summary>
public static class WorkflowsQuellBuilderExtensions
{
    /// <summary>Runs in progress at once per node unless <see cref="AddWorkflows"/> is told otherwise.</summary>
    public const int DefaultMaxConcurrentRuns = 64;

    /// <summary>
    /// Adds the <c>workflow.run</c> job type (retry-safe: a run left running by a dead process is re-queued and resumes
    /// from its history), <see cref="IWorkflowCatalog"/> (files under <c>{DataDirectory}/workflows/</c>),
    /// <see cref="ElementCancellation"/>, <see cref="WorkflowRuns"/>, the MCP toolbox factory and <c>llm.generate</c>.
    /// Services registered before this call win.
    /// </summary>
    /// <param name="builder">The Quell builder.</param>
    /// <param name="maxConcurrentRuns">
    /// Runs that may be in progress at once on a node, in slots of their own (not the node's <c>MaxConcurrency</c>): a
    /// run waiting on a service task's child job must never hold the slot that child needs.
    /// </param>
    public static QuellBuilder AddWorkflows(this QuellBuilder builder, int maxConcurrentRuns = DefaultMaxConcurrentRuns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJob<WorkflowRunInput, WorkflowRunResult, WorkflowRunJob>(WorkflowRunJob.JobType, options =>
        {
            options.SafeToRetry = true;
            options.MaxConcurrency = maxConcurrentRuns;
            options.Description = "Runs a workflow (YAML or BPMN) of agentic, service and user tasks; each task can be cancelled on its own.";
        });
        builder.Services.TryAddSingleton<IWorkflowCatalog, FileWorkflowCatalog>();
        builder.Services.TryAddSingleton<ElementCancellation>();
        builder.Services.TryAddSingleton<WorkflowRuns>();
        builder.Services.TryAddSingleton<IAgentToolboxFactory, McpAgentToolboxFactory>();
        return builder.AddLlmGenerate();
    }
}
