using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Quell.Workflows.Agui;

/// <summary>
/// Source-generated JSON for AG-UI: camelCase, unset optional fields omitted (AG-UI's client rejects or warns about
/// a <c>null</c> where a field is optional), compact (one line per SSE frame).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(AguiEvent))]
[JsonSerializable(typeof(RunAgentInput))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class AguiJsonContext : JsonSerializerContext;
