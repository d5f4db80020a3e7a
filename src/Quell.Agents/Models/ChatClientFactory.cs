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

    // One pool of connections for every model client. A cancelled stream must close its connection at once: by default
    // the handler first reads ("drains") what is left of an unfinished response, up to 2 s, to reuse the connection,
    // and the model server goes on generating meanwhile (seen in the bench's llm-cancel runs: one cancel closed the
    // stream only after 2,005 ms, another had not closed it 30 s later; with no drain, 1,000 cancels took at most 10.5 ms).
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        MaxResponseDrainSize = 0,
        ResponseDrainTimeout = TimeSpan.Zero,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // picks up DNS changes of a long-running server's endpoint
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // a long stream is not a hung one; cancellation ends it
    };

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
            Transport = new HttpClientPipelineTransport(Http),
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
