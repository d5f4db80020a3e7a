namespace Quell.Samples.FeedbackTools;

/// <summary>A naive lexicon sentiment and a word splitter: enough to do real, checkable work over the comments.</summary>
internal static class FeedbackText
{
    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "fast", "fine", "wow", "again", "ok", "gift", "good", "great", "love", "early", "happy", "thanks",
    };

    private static readonly HashSet<string> Negative = new(StringComparer.Ordinal)
    {
        "late", "damaged", "left", "not", "broken", "slow", "bad", "refund", "missing", "wrong",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "but", "then", "would", "with", "for", "was", "not", "two", "first", "second", "lines", "said",
    };

    /// <summary>Positive words minus negative words: above zero is positive, below is negative.</summary>
    public static int Score(string comment) =>
        Words(comment).Sum(w => Positive.Contains(w) ? 1 : Negative.Contains(w) ? -1 : 0);

    /// <summary>The lower-cased words of <paramref name="comment"/> worth counting as keywords.</summary>
    public static IEnumerable<string> Keywords(string comment) =>
        Words(comment).Where(w => w.Length >= 3 && !StopWords.Contains(w));

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
