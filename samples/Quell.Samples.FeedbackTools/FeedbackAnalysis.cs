namespace Quell.Samples.FeedbackTools;

/// <summary>Sentiment counts of one pass over the feedback.</summary>
internal sealed record SentimentCounts(long Rows, long Positive, long Neutral, long Negative, double? AverageRating)
{
    public double Share(long count) => Rows == 0 ? 0 : Math.Round(100.0 * count / Rows, 1);
}

/// <summary>A keyword and how many comments use it.</summary>
internal sealed record KeywordCount(string Keyword, long Count);

/// <summary>Accumulates sentiment and keyword counts row by row.</summary>
internal sealed class FeedbackAnalysis
{
    private readonly Dictionary<string, long> _keywords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _countries = new(StringComparer.Ordinal);
    private long _rows, _positive, _negative, _ratingSum, _rated;

    public void Add(FeedbackRow row)
    {
        _rows++;
        var score = FeedbackText.Score(row.Comment);
        if (score > 0) _positive++;
        else if (score < 0) _negative++;
        if (row.Rating is { } rating) { _ratingSum += rating; _rated++; }
        foreach (var word in FeedbackText.Keywords(row.Comment).Distinct(StringComparer.Ordinal))
        {
            _keywords[word] = _keywords.GetValueOrDefault(word) + 1;
        }
        _countries[row.Country] = _countries.GetValueOrDefault(row.Country) + 1;
    }

    public SentimentCounts Sentiment() => new(_rows, _positive, _rows - _positive - _negative, _negative,
        _rated == 0 ? null : Math.Round((double)_ratingSum / _rated, 2));

    public IReadOnlyList<KeywordCount> TopKeywords(int top) =>
        [.. _keywords.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Take(top).Select(k => new KeywordCount(k.Key, k.Value))];

    public IReadOnlyDictionary<string, long> ByCountry() =>
        _countries.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value);
}
