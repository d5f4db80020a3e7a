using System.Text.Json.Serialization;

namespace Quell.Workflows.Model;

/// <summary>The kinds of model an agentic task can use (<c>agentProvider</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelProviderKind>))]
public enum ModelProviderKind
{
    /// <summary><c>scripted</c>: a deterministic model that plays the task's <see cref="ModelScript"/>.</summary>
    [JsonStringEnumMemberName("scripted")]
    Scripted,

    /// <summary><c>openai</c>: any server that speaks OpenAI's chat completions API.</summary>
    [JsonStringEnumMemberName("openai")]
    OpenAi,
}
