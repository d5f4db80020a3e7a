using Microsoft.Extensions.AI;
using Quell.Agents.Events;
using Quell.Agents.Models;
using Quell.Agents.Runner;
using Quell.Jobs;

namespace Quell.Agents.Generate;

/// <summary>
/// <c>llm.generate</c>: streams one answer. Progress is the tokens so far and the partial result the text so far;
/// a cancel closes the model's stream at once and keeps the text, marked <see cref="CancelledMarker"/>, with the
/// tokens used (seed 002's streaming case).
/// </summary>
internal sealed class LlmGenerateJob(TimeProvider time) : IJobHandler<LlmGenerateInput, LlmGenerateResult>
{
    public const string JobType = "llm.generate";

    /// <summary>Appended to the text of a cancelled generation, as in seed 002.</summary>
    public const string CancelledMarker = "\n\n[Response cancelled]";

    public async Task<LlmGenerateResult> ExecuteAsync(LlmGenerateInput input, IJobContext context)
    {
        using var client = ChatClientFactory.Create(input.ToModelOptions(), time);
        var model = ModelInfo(client, input);
        var task = new AgentTask
        {
            SystemPrompt = input.System,
            UserPrompt = input.Prompt,
            Model = input.ToModelOptions(),
            MaxOutputTokens = input.MaxTokens,
            MaxTurns = 1,
        };
        var result = await new AgentRunner(time).RunAsync(task, client, tools: null, AgentCancellation.For(context),
            new JobContextAgentEventSink(context), p => Report(context, input, model, p)).ConfigureAwait(false);

        if (result.Status == AgentResult.Completed)
        {
            return new LlmGenerateResult(result.Response ?? "", result.TokensUsed, "completed", model);
        }
        context.ReplacePartialResults(
            [new LlmGenerateResult(result.PartialResponse + CancelledMarker, result.TokensUsed, "cancelled", model)], result.TokensUsed);
        context.ReportProgress(result.TokensUsed, input.MaxTokens, result.Reason);
        // Records where the stream stopped as the job's checkpoint, and throws the cancellation the runtime records.
        context.Checkpoint(result.Checkpoint ?? "between_chunks");
        throw new InvalidOperationException("The generation stopped without a cancellation request.");
    }

    private static void Report(IJobContext context, LlmGenerateInput input, AgentModelInfo model, AgentStreamProgress progress)
    {
        context.ReportProgress(progress.TokensUsed, input.MaxTokens, null);
        context.ReplacePartialResults([new LlmGenerateResult(progress.Text, progress.TokensUsed, "streaming", model)], progress.TokensUsed);
    }

    private static AgentModelInfo ModelInfo(IChatClient client, LlmGenerateInput input)
    {
        var metadata = client.GetService<ChatClientMetadata>();
        var provider = metadata?.ProviderName ?? input.Provider;
        return new AgentModelInfo(provider, metadata?.DefaultModelId ?? input.Model ?? provider,
            string.Equals(provider, ChatProviders.Scripted, StringComparison.Ordinal));
    }
}
