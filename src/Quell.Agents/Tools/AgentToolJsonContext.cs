using System.Text.Json.Serialization;

namespace Quell.Agents.Tools;

/// <summary>Source-generated JSON for tool results.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class AgentToolJsonContext : JsonSerializerContext;
