namespace Quell.Workflows.Model;

/// <summary>
/// The model behind an agentic task. The key for <see cref="ModelProviderKind.OpenAi"/> is only ever named
/// (<see cref="ApiKeyEnv"/>): a workflow file never holds a key.
/// </summary>
/// <param name="Kind">Scripted (offline, deterministic) or an OpenAI-compatible server.</param>
/// <param name="Model">The model id for <c>openai</c>; <see langword="null"/> for <c>scripted</c>, which is never a real model.</param>
/// <param name="BaseUrl">The OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server); <see langword="null"/> for OpenAI's own.</param>
/// <param name="ApiKeyEnv">The environment variable that holds the key, or <see langword="null"/> for servers that need none.</param>
public sealed record ModelProvider(ModelProviderKind Kind, string? Model, Uri? BaseUrl, string? ApiKeyEnv)
{
    /// <summary>The offline scripted model.</summary>
    public static ModelProvider Scripted { get; } = new(ModelProviderKind.Scripted, null, null, null);
}
