namespace Quell.Workflows.Loading;

/// <summary>A 1-based line and column in a workflow file.</summary>
internal readonly record struct SourcePosition(int Line, int Column);
