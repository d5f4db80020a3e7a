using Quell.Workflows.Model;

namespace Quell.Workflows.Catalog;

/// <summary>
/// The named workflows a run can start from. A workflow is validated before it is stored, and its original text
/// (YAML or BPMN) is kept and served back verbatim.
/// </summary>
public interface IWorkflowCatalog
{
    /// <summary>Validates <paramref name="text"/> and stores it under <paramref name="id"/>, replacing any earlier version.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> breaks the id rule (<see cref="Jobs.JobIds.IsValid"/>).</exception>
    /// <exception cref="Loading.WorkflowLoadException">The text is not a valid workflow; nothing was written.</exception>
    Task<StoredWorkflow> PutAsync(string id, string text, WorkflowFormat format, CancellationToken cancellationToken = default);

    /// <summary>The workflow stored under <paramref name="id"/>, or <see langword="null"/>.</summary>
    Task<StoredWorkflow?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every stored workflow, ordered by id.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores every <c>.yaml</c>, <c>.yml</c> and <c>.bpmn</c> file of <paramref name="directory"/> under its file name
    /// without extension (used by <c>quell serve</c> to load the samples). A file that does not load is skipped and
    /// reported; the others are stored.
    /// </summary>
    /// <returns>The ids stored and the files skipped with why.</returns>
    Task<SampleLoadReport> LoadSamplesAsync(string directory, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IWorkflowCatalog.LoadSamplesAsync"/> did.</summary>
/// <param name="Loaded">The ids stored.</param>
/// <param name="Skipped">Each file skipped, with the reason.</param>
public sealed record SampleLoadReport(IReadOnlyList<string> Loaded, IReadOnlyList<(string File, string Error)> Skipped);
