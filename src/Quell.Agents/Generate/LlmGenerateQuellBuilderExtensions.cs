using Quell.Agents.Generate;

namespace Quell.Hosting;

/// <summary>Registers the <c>llm.generate</c> job.</summary>
public static class LlmGenerateQuellBuilderExtensions
{
    /// <summary>
    /// Adds the <c>llm.generate</c> job type: stream one answer from the scripted model or an OpenAI-compatible
    /// server, keeping the text so far on cancel. Not retry-safe: a re-run would pay for the tokens again.
    /// </summary>
    public static QuellBuilder AddLlmGenerate(this QuellBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddJob<LlmGenerateInput, LlmGenerateResult, LlmGenerateJob>(LlmGenerateJob.JobType, options =>
            options.Description = "Streams an LLM answer (scripted or OpenAI-compatible); a cancel closes the stream and keeps the text so far.");
    }
}
