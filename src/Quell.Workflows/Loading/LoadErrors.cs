namespace Quell.Workflows.Loading;

/// <summary>Collects errors while a file is read, so one load reports every problem instead of the first.</summary>
internal sealed class LoadErrors
{
    private readonly List<WorkflowError> _errors = [];

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    public void Add(SourcePosition at, string? elementId, string? field, string message) =>
        _errors.Add(new WorkflowError(at.Line, at.Column, elementId, field, message));

    public void ThrowIfAny(string? fileName)
    {
        if (!Any) return;
        var ordered = _errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        throw new WorkflowLoadException(fileName, ordered);
    }
}
