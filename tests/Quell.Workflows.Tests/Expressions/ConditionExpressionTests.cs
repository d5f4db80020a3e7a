using System.Text.Json;
using Quell.Workflows.Expressions;

namespace Quell.Workflows.Tests.Expressions;

public sealed class ConditionExpressionTests
{
    private static readonly JsonVariableScope Scope = new(JsonDocument.Parse("""
        {
          "tasks": { "extract_keywords": { "status": "cancelled", "tokens": 456 }, "fetch-data": { "status": "completed" } },
          "analyze_sentiment": { "outcome": "cancelled" },
          "score": 0.75, "count": 3, "approved": true, "region": "eu", "nothing": null,
          "items": [ { "name": "first" } ]
        }
        """).RootElement);

    [Theory]
    [InlineData("${tasks.extract_keywords.status == 'cancelled'}", true)]
    [InlineData("analyze_sentiment.outcome == 'cancelled'", true)]
    [InlineData("tasks.extract_keywords.status != \"cancelled\"", false)]
    [InlineData("tasks.fetch-data.status == 'completed'", true)]
    [InlineData("score > 0.5 && count <= 3", true)]
    [InlineData("score < 0.5 || count >= 4", false)]
    [InlineData("!approved", false)]
    [InlineData("!(region == 'us') && approved == true", true)]
    [InlineData("count == 3.0", true)]
    [InlineData("-1 < count", true)]
    [InlineData("region < 'fr'", true)]
    [InlineData("missing.path == null", true)]
    [InlineData("nothing == null", true)]
    [InlineData("missing.path == 'x'", false)]
    [InlineData("count == '3'", false)]
    [InlineData("items.0.name == 'first'", true)]
    [InlineData("tasks.extract_keywords.tokens > 0", true)]
    [InlineData("true || 1 < 'x'", true)]
    [InlineData("false && 1 < 'x'", false)]
    [InlineData("  ${ approved }  ", true)]
    [InlineData("'it\\'s' == \"it's\"", true)]
    public void Conditions_evaluate_over_variables(string text, bool expected) =>
        Assert.Equal(expected, ConditionExpression.Parse(text).Evaluate(Scope));

    [Theory]
    [InlineData("", 0, "empty expression")]
    [InlineData("a ==", 4, "expression ended")]
    [InlineData("a === b", 4, "unexpected character '='")]
    [InlineData("a == 'open", 5, "unterminated string")]
    [InlineData("(a == b", 7, "expected ')'")]
    [InlineData("a < b < c", 6, "do not chain")]
    [InlineData("a == b c", 7, "expected an operator or the end")]
    [InlineData("${a == b", 0, "not closed")]
    [InlineData("a.", 2, "a name after '.'")]
    [InlineData("a + b", 2, "unexpected character '+'")]
    [InlineData("System.IO.File.Delete('x')", 21, "expected an operator or the end")]
    [InlineData("${a == }", 7, "expected a value")]
    public void Malformed_conditions_say_where(string text, int position, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("count < 'x'", "cannot order")]
    [InlineData("region && approved", "needs true or false")]
    [InlineData("!count", "needs true or false")]
    [InlineData("region", "is not true or false")]
    [InlineData("tasks < 3", "cannot order an object")]
    public void Conditions_over_the_wrong_types_fail_clearly(string text, string message)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse(text).Evaluate(Scope));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_is_kept_as_written()
    {
        const string text = "${tasks.extract_keywords.status == 'cancelled'}";
        Assert.Equal(text, ConditionExpression.Parse(text).Text);
        Assert.Equal(text, ConditionExpression.Parse(text).ToString());
    }
}
