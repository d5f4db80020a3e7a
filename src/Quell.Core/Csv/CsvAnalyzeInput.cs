using Quell.Jobs;

namespace Quell.Csv;

/// <summary>The input of <c>csv.analyze</c>: the CSV files to analyse, in order. JSON: <c>{"paths": ["a.csv"]}</c>.</summary>
public sealed class CsvAnalyzeInput : IValidatableJobInput
{
    /// <summary>The most files one job may analyse.</summary>
    public const int MaxPaths = 1_000;

    /// <summary>Paths of the files, absolute or relative to the server's working directory.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        if (Paths is null || Paths.Count == 0) return ["Give at least one file in 'paths'."];
        var problems = new List<string>();
        if (Paths.Count > MaxPaths)
            problems.Add(FormattableString.Invariant($"Give at most {MaxPaths:N0} files in 'paths'; there are {Paths.Count:N0}."));
        for (var i = 0; i < Paths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Paths[i])) problems.Add($"paths[{i}] is empty; give a file path.");
        }
        return problems;
    }
}
