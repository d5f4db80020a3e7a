namespace Quell.Workflows.Tests.Engine;

/// <summary>Small workflows for the engine tests, in the YAML format.</summary>
internal static class TestWorkflows
{
    /// <summary>start → first → second → third → end; each an agentic task streaming <paramref name="tokens"/> words.</summary>
    public static string Chain(int tokens, double tokensPerSecond, bool cancellable = true) => $$"""
        id: chain
        name: Chain
        elements:
          - { id: start, type: StartEvent }
        {{Agent("first", 3, 200, cancellable)}}
        {{Agent("second", tokens, tokensPerSecond, cancellable)}}
        {{Agent("third", 3, 200, cancellable)}}
          - { id: end, type: EndEvent, properties: { outcome: success } }
        flows:
          - { id: f1, source: start, target: first }
          - { id: f2, source: first, target: second }
          - { id: f3, source: second, target: third }
          - { id: f4, source: third, target: end }
        """;

    /// <summary>start → one agentic task → end.</summary>
    public static string Single(int tokens, double tokensPerSecond, bool cancellable) => $$"""
        id: single
        name: Single
        elements:
          - { id: start, type: StartEvent }
        {{Agent("work", tokens, tokensPerSecond, cancellable)}}
          - { id: end, type: EndEvent, properties: { outcome: success } }
        flows:
          - { id: f1, source: start, target: work }
          - { id: f2, source: work, target: end }
        """;

    /// <summary>start → a service task running <paramref name="jobType"/> → a user task → end.</summary>
    public static string ServiceThenUser(string jobType) => $$$"""
        id: service-user
        name: Service then user
        elements:
          - { id: start, type: StartEvent }
          - id: job
            type: ServiceTask
            properties:
              jobType: {{{jobType}}}
              allowCancellation: true
              input: { text: "for {{ customer }}" }
          - id: approve
            type: UserTask
            properties:
              prompt: "Approve {{ tasks.job.output.text }}?"
          - { id: end, type: EndEvent, properties: { outcome: success } }
        flows:
          - { id: f1, source: start, target: job }
          - { id: f2, source: job, target: approve }
          - { id: f3, source: approve, target: end }
        """;

    private static string Agent(string id, int tokens, double tokensPerSecond, bool cancellable) => $$"""
          - id: {{id}}
            type: AgenticTask
            properties:
              allowCancellation: {{(cancellable ? "true" : "false")}}
              agentProvider: scripted
              prompt: Do {{id}}.
              script:
                tokensPerSecond: {{tokensPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
                text: "{{string.Join(' ', Enumerable.Range(1, tokens).Select(i => $"{id}{i}"))}}"
        """;
}
