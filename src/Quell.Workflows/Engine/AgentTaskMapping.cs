using Quell.Agents.Models;
using Quell.Agents.Runner;
using Quell.Agents.Scripted;
using Quell.Workflows.Expressions;
using Quell.Workflows.Model;

namespace Quell.Workflows.Engine;

/// <summary>Turns an agentic task of the workflow model into what <see cref="AgentRunner"/> runs, prompts rendered.</summary>
internal static class AgentTaskMapping
{
    public static AgentTask ToAgentTask(AgentDefinition agent, IVariableScope scope) => new()
    {
        SystemPrompt = agent.SystemPrompt is null ? null : TextTemplate.Render(agent.SystemPrompt, scope),
        UserPrompt = TextTemplate.Render(agent.Prompt, scope),
        Model = ModelOptions(agent),
        Tools = agent.Tools,
        Retry = new AgentRetryOptions
        {
            Max = agent.Retries.Max, InitialDelay = agent.Retries.InitialDelay, Multiplier = agent.Retries.Multiplier,
        },
        Budget = new AgentBudget { MaxTokens = agent.MaxTokens },
        CancelInFlightTools = agent.CancelInFlightTools,
    };

    private static AgentModelOptions ModelOptions(AgentDefinition agent) => agent.Provider.Kind switch
    {
        ModelProviderKind.OpenAi => new AgentModelOptions
        {
            Provider = ChatProviders.OpenAi, Model = agent.Provider.Model, BaseUrl = agent.Provider.BaseUrl, ApiKeyEnv = agent.Provider.ApiKeyEnv,
        },
        _ => new AgentModelOptions { Provider = ChatProviders.Scripted, Script = Script(agent.Script) },
    };

    private static ChatScript? Script(ModelScript? script) => script is null ? null : new ChatScript
    {
        Text = script.Text,
        TokensPerSecond = script.TokensPerSecond,
        TokensPerChunk = script.ChunkTokens,
        ToolCalls = [.. script.ToolCalls.Select(c => new Quell.Agents.Scripted.ScriptedToolCall { Tool = c.Name, Arguments = c.Arguments })],
        // The model's list is one status per failing attempt, from the first.
        Failures = [.. script.Failures.Select((status, i) => new ScriptedFailure { Attempt = i + 1, StatusCode = status })],
    };
}
