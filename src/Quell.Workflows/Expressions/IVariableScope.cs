using System.Text.Json;

namespace Quell.Workflows.Expressions;

/// <summary>Resolves the dotted paths of conditions and templates (<c>tasks.extract_keywords.status</c>) to values.</summary>
public interface IVariableScope
{
    /// <summary>The value at <paramref name="path"/>, or <see langword="null"/> when nothing is there.</summary>
    JsonElement? Resolve(IReadOnlyList<string> path);
}
