using Quell.Server.Sse;
using Quell.Server.Jobs;
using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Results;

namespace Quell.Cli.Client;

/// <summary>The API's documents, with the API's settings (Web defaults: camelCase, enums as their snake_case names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(JobListDto))]
[JsonSerializable(typeof(JobEventDto))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(CancelJobBody))]
[JsonSerializable(typeof(PartialResults))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
