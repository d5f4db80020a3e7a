using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Results;
using Quell.Server.Jobs;
using Quell.Server.Sse;

namespace Quell.Server.Serialization;

/// <summary>Source-generated JSON for the API's documents: camelCase; enums as their snake_case wire names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(JobListDto))]
[JsonSerializable(typeof(SubmitJobRequest))]
[JsonSerializable(typeof(CancelJobRequest))]
[JsonSerializable(typeof(JobEventDto))]
[JsonSerializable(typeof(PartialResults))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
