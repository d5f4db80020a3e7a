using Quell.Agents.Scripted;

namespace Quell.Agents.Models;

/// <summary>Which model answers: the offline <c>scripted</c> model (the default) or any OpenAI-compatible server.</summary>
public sealed record AgentModelOptions
{
    /// <summary><c>scripted</c> (default) or <c>openai</c>.</summary>
    public string Provider { get; init; } = ChatProviders.Scripted;

    /// <summary>
    /// For <c>openai</c>: the API's base URL including <c>/v1</c> (such as <c>http://127.0.0.1:11434/v1</c> for Ollama);
    /// null for api.openai.com.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>For <c>openai</c>: the model name (required).</summary>
    public string? Model { get; init; }

    /// <summary>
    /// For <c>openai</c>: the name of the environment variable that holds the API key (the key itself never appears in
    /// a definition or a job input). Null for servers that need no key, such as a local Ollama.
    /// </summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>For <c>scripted</c>: what the model streams and which tools it calls.</summary>
    public ChatScript? Script { get; init; }

    /// <summary>Problems with these options, each a sentence a user can act on; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.Equals(Provider, ChatProviders.Scripted, StringComparison.OrdinalIgnoreCase))
        {
            if (Script is not null) problems.AddRange(Script.Validate());
        }
        else if (string.Equals(Provider, ChatProviders.OpenAi, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(Model)) problems.Add("model is required for provider 'openai'.");
            if (BaseUrl is { IsAbsoluteUri: false }) problems.Add("baseUrl must be an absolute URL such as http://127.0.0.1:11434/v1.");
        }
        else
        {
            problems.Add($"provider '{Provider}' is unknown; use '{ChatProviders.Scripted}' or '{ChatProviders.OpenAi}'.");
        }
        return problems;
    }
}
