using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>Reads an agentic task's properties: provider, prompts, tools, retries, budget and the scripted model's script.</summary>
internal static class AgentBinder
{
    public static readonly string[] Known =
        ["agentProvider", "model", "baseUrl", "apiKeyEnv", "systemPrompt", "prompt", "tools", "cancelInFlightTools", "retries", "budget", "script"];

    private static readonly string[] OpenAiOnly = ["model", "baseUrl", "apiKeyEnv"];

    public static AgenticTask? Bind(string id, string? name, MapReader p)
    {
        var provider = ReadProvider(p);
        var agent = new AgentDefinition
        {
            Provider = provider ?? ModelProvider.Scripted,
            SystemPrompt = ElementBinder.Template(p, "systemPrompt"),
            Prompt = ElementBinder.Template(p, "prompt", required: true) ?? "",
            Tools = ToolSourceBinder.ReadAll(p),
            CancelInFlightTools = p.Bool("cancelInFlightTools", fallback: false),
            Retries = ReadRetries(p),
            MaxTokens = p.Map("budget") is { } budget ? ReadBudget(budget) : null,
            Script = ReadScript(p, provider?.Kind),
        };
        return provider is null ? null : new AgenticTask(id, name, agent);
    }

    private static ModelProvider? ReadProvider(MapReader p)
    {
        if (p.Has("apiKey"))
            p.Error(p.Node("apiKey")!.Position, "apiKey", "a workflow file never holds an API key; name the environment variable that holds it with 'apiKeyEnv'");
        var kindText = p.String("agentProvider") ?? "scripted";
        var model = p.String("model");
        var baseUrl = p.String("baseUrl");
        var apiKeyEnv = p.String("apiKeyEnv");
        switch (kindText)
        {
            case "scripted":
                foreach (var key in OpenAiOnly.Where(p.Has))
                    p.Error(p.Node(key)!.Position, key, $"'{key}' does not apply to the scripted provider, which is never a real model");
                return ModelProvider.Scripted;
            case "openai":
                if (model is null) p.Error(p.Position, "model", "the openai provider needs 'model'");
                return new ModelProvider(ModelProviderKind.OpenAi, model, ReadUrl(p, "baseUrl", baseUrl), apiKeyEnv);
            default:
                p.Error(p.Node("agentProvider")!.Position, "agentProvider", $"unknown provider \"{kindText}\"; expected scripted or openai (any OpenAI-compatible server)");
                return null;
        }
    }

    public static Uri? ReadUrl(MapReader p, string key, string? text)
    {
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        p.Error(p.Node(key)!.Position, key, $"expected an absolute http or https URL, got \"{text}\"");
        return null;
    }

    private static RetryPolicy ReadRetries(MapReader p)
    {
        if (p.Map("retries") is not { } retries) return RetryPolicy.Default;
        var max = retries.Int("max", 0, "a non-negative integer") ?? RetryPolicy.Default.Max;
        var delay = RetryPolicy.Default.InitialDelay;
        var multiplier = RetryPolicy.Default.Multiplier;
        if (retries.Map("backoff") is { } backoff)
        {
            if (backoff.Int("initialDelayMs", 0, "a non-negative number of milliseconds") is { } ms) delay = TimeSpan.FromMilliseconds(ms);
            multiplier = backoff.Number("multiplier", 1, minExclusive: false, "a number of at least 1") ?? multiplier;
            backoff.RejectUnknown(["initialDelayMs", "multiplier"]);
        }
        retries.RejectUnknown(["max", "backoff"]);
        return new RetryPolicy(max, delay, multiplier);
    }

    private static int? ReadBudget(MapReader budget)
    {
        var maxTokens = budget.Int("maxTokens", 1, "a positive integer");
        budget.RejectUnknown(["maxTokens"]);
        return maxTokens;
    }

    private static ModelScript? ReadScript(MapReader p, ModelProviderKind? kind)
    {
        var script = p.Map("script", required: kind == ModelProviderKind.Scripted);
        if (script is null) return null;
        if (kind == ModelProviderKind.OpenAi)
            p.Error(script.Position, "script", "'script' only applies to the scripted provider");
        var result = new ModelScript
        {
            TokensPerSecond = script.Number("tokensPerSecond", 0, minExclusive: true, "a positive number") ?? 20,
            ChunkTokens = script.Int("chunkTokens", 1, "a positive integer") ?? 1,
            Text = script.Text("text", required: true) ?? "",
            ToolCalls = ReadToolCalls(script),
            Failures = ReadFailures(script),
        };
        script.RejectUnknown(["tokensPerSecond", "chunkTokens", "text", "toolCalls", "failures"]);
        return result;
    }

    private static List<ScriptedToolCall> ReadToolCalls(MapReader script)
    {
        var calls = new List<ScriptedToolCall>();
        var items = script.List("toolCalls") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (Item(script, "toolCalls", i, items[i]) is not { } call) continue;
            var name = call.String("name", required: true);
            var arguments = call.Node("arguments");
            if (arguments is not (null or MapNode or ScalarNode { IsNull: true }))
                call.Error(arguments.Position, "arguments", $"expected a map, got {arguments.KindName}");
            call.RejectUnknown(["name", "arguments"]);
            if (name is not null)
                calls.Add(new ScriptedToolCall(name, NodeJson.ToElement(arguments as MapNode ?? new MapNode(call.Position, []))));
        }
        return calls;
    }

    private static List<int> ReadFailures(MapReader script)
    {
        var failures = new List<int>();
        var items = script.List("failures") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ScalarNode s && int.TryParse(s.Value, out var status) && status is >= 400 and <= 599) failures.Add(status);
            else script.Error(items[i].Position, $"failures[{i}]", $"expected an HTTP error status (400-599), got {Describe(items[i])}");
        }
        return failures;
    }

    /// <summary>A list item that must be a map, as a reader whose fields are named <c>list[i].key</c>.</summary>
    public static MapReader? Item(MapReader parent, string key, int index, SourceNode item)
    {
        if (item is MapNode map) return new MapReader(map, $"{parent.Field(key)}[{index}].", parent.ElementId, parent.Errors);
        parent.Error(item.Position, $"{key}[{index}]", $"expected a map, got {item.KindName}");
        return null;
    }

    private static string Describe(SourceNode node) => node is ScalarNode s ? $"\"{s.Value}\"" : node.KindName;
}
