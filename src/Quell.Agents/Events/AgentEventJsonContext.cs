using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Quell.Agents.Events;

/// <summary>Source-generated JSON for agent event payloads: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageStartPayload))]
[JsonSerializable(typeof(MessageDeltaPayload))]
[JsonSerializable(typeof(MessageEndPayload))]
[JsonSerializable(typeof(ToolStartPayload))]
[JsonSerializable(typeof(ToolEndPayload))]
[JsonSerializable(typeof(RetryPayload))]
[JsonSerializable(typeof(CheckpointPayload))]
[JsonSerializable(typeof(UsagePayload))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class AgentEventJsonContext : JsonSerializerContext;
