using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Quell.Agents.Scripted;

namespace Quell.Agents.Models;

/// <summary>Builds the <see cref="IChatClient"/> that <see cref="AgentModelOptions"/> describe.</summary>
public static class ChatClientFactory
{
    /// <summary>The key sent to servers that need none: the OpenAI client refuses an empty one.</summary>
    internal const string NoKey = "no-key";

    /// <summary>Creates the client; the caller disposes it.</summary>
    /// <param name="options">Provider, model and script.</param>
    /// <param name="timeProvider">The clock of the scripted model's token rate; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the API key's environment variable is not set.</exception>
    public static IChatClient Create(AgentModelOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        return string.Equals(options.Provider, ChatProviders.Scripted, StringComparison.OrdinalIgnoreCase)
            ? new ScriptedChatClient(options.Script ?? ChatScript.Default, timeProvider)
            : CreateOpenAi(options);
    }

    private static IChatClient CreateOpenAi(AgentModelOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            // Our runner retries 429 and 5xx itself, with task.retry events and a checkpoint between attempts;
            // the SDK's own silent retries would hide them.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // A long stream is not a hung one; cancellation, not a client timeout, ends it.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (options.BaseUrl is not null) clientOptions.Endpoint = options.BaseUrl;
        return new OpenAIClient(new ApiKeyCredential(ApiKey(options)), clientOptions).GetChatClient(options.Model!).AsIChatClient();
    }

    private static string ApiKey(AgentModelOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKeyEnv)) return NoKey;
        var key = Environment.GetEnvironmentVariable(options.ApiKeyEnv);
        return string.IsNullOrEmpty(key)
            ? throw new ArgumentException($"The environment variable '{options.ApiKeyEnv}' named by apiKeyEnv is not set.", nameof(options))
            : key;
    }
}
