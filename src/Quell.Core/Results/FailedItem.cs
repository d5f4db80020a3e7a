namespace Quell.Results;

/// <summary>An item a job could not process, with why.</summary>
public sealed record FailedItem(long Index, string Error);
