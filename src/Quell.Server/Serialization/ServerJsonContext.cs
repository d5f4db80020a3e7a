using System.Text.Json;
using System.Text.Json.Serialization;
using Quell.Results;
using Quell.Server.Jobs;
using Quell.Server.Sse;
using Quell.Server.Workflows;
using Quell.Workflows.Runs;

namespace Quell.Server.Serialization;

/// <summary>Source-generated JSON for the API's documents: camelCase; enums as their snake_case wire names.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(JobListDto))]
[JsonSerializable(typeof(SubmitJobRequest))]
[JsonSerializable(typeof(SubmitJobBatchRequest))]
[JsonSerializable(typeof(JobBatchDto))]
[JsonSerializable(typeof(CancelJobRequest))]
[JsonSerializable(typeof(JobEventDto))]
[JsonSerializable(typeof(PartialResults))]
[JsonSerializable(typeof(StartRunRequest))]
[JsonSerializable(typeof(CompleteUserTaskRequest))]
[JsonSerializable(typeof(WorkflowSummaryDto))]
[JsonSerializable(typeof(WorkflowListDto))]
[JsonSerializable(typeof(WorkflowErrorDto[]))]
[JsonSerializable(typeof(ElementCancelResultDto))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(RunReplay))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
