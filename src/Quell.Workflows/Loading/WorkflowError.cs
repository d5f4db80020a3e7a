using System.Text;

namespace Quell.Workflows.Loading;

/// <summary>One thing wrong with a workflow file, with where it is.</summary>
/// <param name="Line">1-based line of the offending node (0 when the file could not be read at all).</param>
/// <param name="Column">1-based column of the offending node.</param>
/// <param name="ElementId">The element or flow the error belongs to, if any.</param>
/// <param name="Field">The property path within it (<c>budget.maxTokens</c>, <c>script.toolCalls[2].name</c>), if any.</param>
/// <param name="Message">What is wrong, in a sentence a person can act on.</param>
public sealed record WorkflowError(int Line, int Column, string? ElementId, string? Field, string Message)
{
    /// <summary>
    /// Formats the error the way compilers do:
    /// <c>feedback.yaml:14:7: element 'generate_report', field 'budget.maxTokens': expected a positive integer, got "lots"</c>.
    /// </summary>
    public string Format(string? fileName)
    {
        var text = new StringBuilder();
        text.Append(fileName ?? "workflow").Append(':').Append(Line).Append(':').Append(Column).Append(": ");
        if (ElementId is not null) text.Append("element '").Append(ElementId).Append('\'');
        if (Field is not null) text.Append(ElementId is null ? "" : ", ").Append("field '").Append(Field).Append('\'');
        if (ElementId is not null || Field is not null) text.Append(": ");
        return text.Append(Message).ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Format(null);
}
