namespace Quell.Csv;

/// <summary>A frequent value of a column, counted with bounded memory (space-saving).</summary>
/// <param name="Value">The value, cut to 100 characters.</param>
/// <param name="Count">How often it occurred; may overstate the true count by up to <paramref name="CountError"/>.</param>
/// <param name="CountError">The most <paramref name="Count"/> may overstate; 0 means the count is exact.</param>
public sealed record TopValue(string Value, long Count, long CountError);
