using Quell.Agents.Models;
using Quell.Agents.Scripted;
using Quell.Jobs;

namespace Quell.Agents.Generate;

/// <summary>The input of <c>llm.generate</c>: a prompt and the model to stream the answer from.</summary>
public sealed record LlmGenerateInput : IValidatableJobInput
{
    /// <summary>The prompt.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>A system prompt; null for none.</summary>
    public string? System { get; init; }

    /// <summary><c>scripted</c> (default) or <c>openai</c>.</summary>
    public string Provider { get; init; } = ChatProviders.Scripted;

    /// <summary>For <c>openai</c>: the base URL including <c>/v1</c>; null for api.openai.com.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>For <c>openai</c>: the model name.</summary>
    public string? Model { get; init; }

    /// <summary>For <c>openai</c>: the environment variable holding the API key; null when the server needs none.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>For <c>scripted</c>: what the model streams.</summary>
    public ChatScript? Script { get; init; }

    /// <summary>The most tokens the model may write; null for its default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The model options these fields describe.</summary>
    public AgentModelOptions ToModelOptions() =>
        new() { Provider = Provider, BaseUrl = BaseUrl, Model = Model, ApiKeyEnv = ApiKeyEnv, Script = Script };

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Prompt)) problems.Add("prompt is required.");
        if (MaxTokens is < 1) problems.Add("maxTokens must be at least 1.");
        problems.AddRange(ToModelOptions().Validate());
        return problems;
    }
}
