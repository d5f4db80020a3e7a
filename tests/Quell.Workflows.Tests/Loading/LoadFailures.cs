using Quell.Workflows.Loading;
using Quell.Workflows.Model;

namespace Quell.Workflows.Tests.Loading;

/// <summary>Helpers that load a broken file and find the one error a test is about.</summary>
internal static class LoadFailures
{
    public static WorkflowLoadException Load(string text, WorkflowFormat format, string fileName = "demo") =>
        Assert.Throws<WorkflowLoadException>(() => WorkflowLoader.Load(text, format, fileName));

    /// <summary>The single error whose message contains <paramref name="fragment"/>.</summary>
    public static WorkflowError Single(WorkflowLoadException exception, string fragment)
    {
        var matches = exception.Errors.Where(e => e.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"expected one error containing \"{fragment}\", got:\n{exception.Message}");
        return matches[0];
    }

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that contains <paramref name="snippet"/>.</summary>
    public static int LineOf(string text, string snippet)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(snippet, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{snippet}' is not in the text");
        return index + 1;
    }

    /// <summary>The 1-based column of <paramref name="snippet"/> on its line.</summary>
    public static int ColumnOf(string text, string snippet)
    {
        var line = text.Split('\n')[LineOf(text, snippet) - 1];
        return line.IndexOf(snippet, StringComparison.Ordinal) + 1;
    }

    public static void AssertAt(WorkflowError error, int line, string? elementId, string? field)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(elementId, error.ElementId);
        Assert.Equal(field, error.Field);
    }
}
