using System.Globalization;
using System.Text;

namespace Quell.Samples.FeedbackTools;

/// <summary>The markdown report <c>generate_report</c> and <c>publish_report</c> write.</summary>
internal static class FeedbackReport
{
    public static readonly string[] AllSections = ["summary", "themes", "actions"];

    public static string Markdown(FeedbackAnalysis analysis, IReadOnlyCollection<string> sections)
    {
        var s = analysis.Sentiment();
        var keywords = analysis.TopKeywords(10);
        var text = new StringBuilder("# Customer feedback report\n\n");
        var c = CultureInfo.InvariantCulture;
        if (sections.Contains("summary"))
        {
            text.Append(c, $"## Summary\n\n{s.Rows:N0} entries: {s.Share(s.Positive)}% positive, {s.Share(s.Neutral)}% neutral, ")
                .Append(c, $"{s.Share(s.Negative)}% negative")
                .Append(s.AverageRating is { } rating ? string.Create(c, $"; average rating {rating}.\n\n") : ".\n\n");
        }
        if (sections.Contains("themes"))
        {
            text.Append("## Themes\n\n");
            foreach (var k in keywords) text.Append(c, $"- {k.Keyword}: {k.Count:N0}\n");
            text.Append('\n');
        }
        if (sections.Contains("actions"))
        {
            var worst = keywords.FirstOrDefault(k => FeedbackText.Score(k.Keyword) < 0);
            text.Append("## Actions\n\n").Append(worst is null
                ? "- No negative theme stands out.\n"
                : string.Create(c, $"- Look into \"{worst.Keyword}\", the most frequent negative theme ({worst.Count:N0} entries).\n"));
        }
        return text.ToString();
    }
}
