namespace Quell.Agents.Models;

/// <summary>The provider names <see cref="AgentModelOptions.Provider"/> accepts.</summary>
public static class ChatProviders
{
    /// <summary>The deterministic offline model; it says it is scripted in every event and result.</summary>
    public const string Scripted = "scripted";

    /// <summary>Any server that speaks OpenAI's chat-completions API (OpenAI, Ollama, vLLM, llama.cpp server).</summary>
    public const string OpenAi = "openai";
}
