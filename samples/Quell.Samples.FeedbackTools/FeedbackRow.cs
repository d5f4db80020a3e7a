namespace Quell.Samples.FeedbackTools;

/// <summary>One order's feedback: the cells of the demo orders CSV the tools use.</summary>
internal readonly record struct FeedbackRow(string Country, int? Rating, string Comment);
