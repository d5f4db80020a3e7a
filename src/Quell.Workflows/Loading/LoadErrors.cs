namespace Quell.Workflows.Loading;

/// <summary>
/// Collects errors while a file is read, so one load reports every problem instead of the first; up to
/// <see cref="MaxErrors"/>, so that a file of a million small mistakes does not make an answer forty times its size.
/// </summary>
internal sealed class LoadErrors
{
    public const int MaxErrors = 100;

    private readonly List<WorkflowError> _errors = [];
    private WorkflowError? _firstDropped;

    public bool Any => Count > 0;

    /// <summary>Every error added, kept or not, so callers can still tell whether a step added any.</summary>
    public int Count { get; private set; }

    public void Add(SourcePosition at, string? elementId, string? field, string message)
    {
        Count++;
        var error = new WorkflowError(at.Line, at.Column, elementId, field, message);
        if (_errors.Count < MaxErrors) _errors.Add(error);
        else _firstDropped ??= error;
    }

    public void ThrowIfAny(string? fileName)
    {
        if (!Any) return;
        var ordered = _errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        if (_firstDropped is { } next)
        {
            ordered.Add(next with
            {
                ElementId = null, Field = null,
                Message = $"stopped after {MaxErrors} errors; fix these and load the file again to see the rest",
            });
        }
        throw new WorkflowLoadException(fileName, ordered);
    }
}
