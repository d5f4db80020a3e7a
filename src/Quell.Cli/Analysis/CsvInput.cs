using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quell.Cli.Analysis;

/// <summary>The input of <c>csv.analyze</c>: <c>{"paths": [...]}</c>.</summary>
internal sealed record CsvInput(IReadOnlyList<string> Paths);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CsvInput))]
internal sealed partial class CsvInputContext : JsonSerializerContext;
