using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Quell.Workflows.Loading;

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
