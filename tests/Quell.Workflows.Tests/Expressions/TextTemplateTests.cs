using System.Text.Json;
using Quell.Workflows.Expressions;

namespace Quell.Workflows.Tests.Expressions;

public sealed class TextTemplateTests
{
    private static readonly JsonVariableScope Scope = new(JsonDocument.Parse("""
        { "period": "week 47", "tasks": { "fetch_data": { "output": { "entries": 248 } } }, "count": 3 }
        """).RootElement);

    [Fact]
    public void Placeholders_are_replaced_by_strings_as_they_are_and_other_values_as_json()
    {
        var text = TextTemplate.Render("Feedback for {{ period }}: {{tasks.fetch_data.output}} ({{ count }})", Scope);
        Assert.Equal("Feedback for week 47: {\"entries\":248} (3)", text);
    }

    [Fact]
    public void A_path_that_resolves_to_nothing_renders_empty() =>
        Assert.Equal("[]", TextTemplate.Render("[{{ missing.value }}]", Scope));

    [Fact]
    public void Text_without_placeholders_is_unchanged() =>
        Assert.Equal("plain { text }", TextTemplate.Render("plain { text }", Scope));

    [Fact]
    public void Paths_lists_each_path_once_in_order() =>
        Assert.Equal(["period", "tasks.fetch_data.output"], TextTemplate.Paths("{{period}} {{ tasks.fetch_data.output }} {{ period }}"));

    [Theory]
    [InlineData("Hello {{ name", 6, "not closed")]
    [InlineData("Hello {{ a == b }}", 6, "only a dotted path")]
    [InlineData("Hello {{ }}", 8, "empty expression")]
    public void Malformed_placeholders_are_refused(string template, int position, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => TextTemplate.Validate(template));
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
