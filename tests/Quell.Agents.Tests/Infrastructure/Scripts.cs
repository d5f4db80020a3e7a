using System.Text.Json;
using Quell.Agents.Models;
using Quell.Agents.Runner;
using Quell.Agents.Scripted;

namespace Quell.Agents.Tests.Infrastructure;

/// <summary>Scripts and tasks the tests share.</summary>
public static class Scripts
{
    /// <summary>Forty tokens of the seed's analysis.</summary>
    public const string Analysis =
        "Customer sentiment appears generally positive. Key themes identified: 1. Product quality - mostly satisfied " +
        "2. Customer service - responses were slow during the holiday peak but courteous 3. Pricing - seen as fair " +
        "for the value 4. Delivery - mostly on time with some damaged boxes reported in the north region overall.";

    public static ChatScript FiveTools(string text = "Report ready.") => new()
    {
        Text = text,
        TokensPerSecond = 0,
        ToolCalls = [.. InProcessToolServer.ToolNames.Select(n => new ScriptedToolCall
        {
            Tool = n, Arguments = JsonSerializer.SerializeToElement(new { input = n + "-input" }),
        })],
    };

    public static AgentTask Task(ChatScript script, Action<AgentTaskBuilder>? change = null)
    {
        var builder = new AgentTaskBuilder { Script = script };
        change?.Invoke(builder);
        return new AgentTask
        {
            SystemPrompt = "You analyse customer feedback.",
            UserPrompt = "Analyse the feedback of last week.",
            Model = new AgentModelOptions { Provider = ChatProviders.Scripted, Script = script },
            Retry = builder.Retry,
            Budget = builder.Budget,
            CancelInFlightTools = builder.CancelInFlightTools,
        };
    }

    public sealed class AgentTaskBuilder
    {
        public required ChatScript Script { get; init; }

        public AgentRetryOptions Retry { get; set; } = new() { InitialDelay = TimeSpan.FromMilliseconds(10) };

        public AgentBudget Budget { get; set; } = new();

        public bool CancelInFlightTools { get; set; }
    }
}
