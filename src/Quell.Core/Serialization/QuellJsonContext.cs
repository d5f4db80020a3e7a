using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Cancellation;
using Quell.Events;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;

namespace Quell.Serialization;

/// <summary>Source-generated JSON for everything Quell stores or sends: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(JobEvent))]
[JsonSerializable(typeof(PartialResults))]
[JsonSerializable(typeof(JobProgress))]
[JsonSerializable(typeof(CancellationInfo))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(CreatedPayload))]
[JsonSerializable(typeof(StartedPayload))]
[JsonSerializable(typeof(ProgressPayload))]
[JsonSerializable(typeof(CheckpointPayload))]
[JsonSerializable(typeof(PartialPayload))]
[JsonSerializable(typeof(LogPayload))]
[JsonSerializable(typeof(CancellationPayload))]
[JsonSerializable(typeof(CancelFailedPayload))]
[JsonSerializable(typeof(CompletedPayload))]
[JsonSerializable(typeof(FailedPayload))]
[JsonSerializable(typeof(RequeuedPayload))]
internal sealed partial class QuellJsonContext : JsonSerializerContext;
