using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>Workflow files built to hurt the loaders: alias and entity bombs, external entities, deep nesting.</summary>
public static class HostileWorkflows
{
    /// <summary>"Billion laughs" in YAML: each level a list of ten aliases of the one before, hidden in a task's custom properties.</summary>
    public static string YamlAliasBomb(int levels = 9)
    {
        var text = new StringBuilder(Prefix("custom"));
        text.Append("        l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i <= levels; i++)
        {
            var previous = $"*l{i - 1}";
            text.Append($"        l{i}: &l{i} [{string.Join(',', Enumerable.Repeat(previous, 10))}]\n");
        }
        return text.Append(Suffix).ToString();
    }

    /// <summary>One anchor and as many aliases of it as fit in <paramref name="bytes"/>: many small references, not depth.</summary>
    public static string YamlAliasFlood(int bytes)
    {
        var text = new StringBuilder(Prefix("custom"));
        text.Append("        a: &a [\"lol\"]\n        b: [");
        while (text.Length < bytes) text.Append("*a,");
        return text.Append("*a]\n").Append(Suffix).ToString();
    }

    /// <summary>A merge key (&lt;&lt;) over a large anchored map, the other way YAML copies a node.</summary>
    public static string YamlMergeBomb()
    {
        var text = new StringBuilder(Prefix("custom"));
        text.Append("        base: &base {").Append(string.Join(',', Enumerable.Range(0, 1000).Select(i => $"k{i}: v"))).Append("}\n");
        for (var i = 0; i < 100; i++) text.Append($"        m{i}: {{ <<: *base }}\n");
        return text.Append(Suffix).ToString();
    }

    /// <summary><paramref name="depth"/> nested flow sequences inside a task's custom properties.</summary>
    public static string YamlDeepList(int depth) =>
        Prefix("custom") + "        deep: " + new string('[', depth) + new string(']', depth) + "\n" + Suffix;

    /// <summary><paramref name="depth"/> nested maps as a service task's input (which becomes a job's JSON input).</summary>
    public static string YamlDeepServiceInput(int depth) => $$"""
        id: deep
        elements:
          - id: start
            type: StartEvent
          - id: call
            type: ServiceTask
            properties:
              jobType: test.sleep
              input: {{string.Concat(Enumerable.Repeat("{a: ", depth))}}1{{new string('}', depth)}}
          - id: end
            type: EndEvent
        flows:
          - { source: start, target: call }
          - { source: call, target: end }
        """;

    /// <summary>A condition of <paramref name="depth"/> nested parentheses.</summary>
    public static string YamlDeepCondition(int depth) => $$"""
        id: deep
        elements:
          - id: start
            type: StartEvent
          - id: choose
            type: ExclusiveGateway
          - id: end
            type: EndEvent
          - id: other
            type: EndEvent
        flows:
          - { source: start, target: choose }
          - { source: choose, target: end, condition: "${{{new string('(', depth)}}true{{new string(')', depth)}}}" }
          - { source: choose, target: other, default: true }
        """;

    /// <summary>A prompt template of <paramref name="depth"/> negations.</summary>
    public static string YamlDeepTemplate(int depth) =>
        Prefix("prompt") + "        \"{{ " + new string('!', depth) + "true }}\"\n" + Suffix;

    public const string PasswdMarker = "root:";

    /// <summary>The classic XXE: a SYSTEM entity naming a local file, used in the process name and documentation.</summary>
    public static string BpmnExternalEntity(string systemId) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "{{systemId}}"> ]>
        {{BpmnDefinitions("&xxe;", "<bpmn:documentation>&xxe;</bpmn:documentation>")}}
        """;

    /// <summary>An external DTD and a parameter entity, the XXE that needs no entity reference in the document.</summary>
    public static string BpmnParameterEntity(string systemId) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions SYSTEM "{{systemId}}" [ <!ENTITY % p SYSTEM "{{systemId}}"> %p; ]>
        {{BpmnDefinitions("p", "")}}
        """;

    /// <summary>"Billion laughs" in XML: internal entities of ten references each, nine levels deep.</summary>
    public static string BpmnEntityBomb()
    {
        var entities = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (var i = 1; i <= 9; i++) entities.Append($"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        return $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE definitions [ {{entities}} ]>
            {{BpmnDefinitions("&l9;", "")}}
            """;
    }

    /// <summary>XInclude of a local file: a processor that honours it would paste the file in.</summary>
    public static string BpmnXInclude(string path) => """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" + BpmnDefinitions("x",
        $"""<bpmn:documentation><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{path}" parse="text"/></bpmn:documentation>""");

    /// <summary><paramref name="depth"/> nested elements in a task's custom properties and in the diagram.</summary>
    public static string BpmnDeep(int depth)
    {
        var open = string.Concat(Enumerable.Repeat("<quell:x>", depth));
        var close = string.Concat(Enumerable.Repeat("</quell:x>", depth));
        var task = $"""
            <bpmn:serviceTask id="t" quell:type="agentic"><bpmn:extensionElements><quell:properties agentProvider="scripted">
            <quell:prompt>hi</quell:prompt><quell:custom><quell:deep>{open}1{close}</quell:deep></quell:custom>
            </quell:properties></bpmn:extensionElements></bpmn:serviceTask>
            """;
        return """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" + BpmnDefinitions("deep", task,
            $"""<bpmndi:BPMNDiagram id="d">{open.Replace("quell:x", "bpmndi:x", StringComparison.Ordinal)}{close.Replace("quell:x", "bpmndi:x", StringComparison.Ordinal)}</bpmndi:BPMNDiagram>""");
    }

    private static string BpmnDefinitions(string name, string inside, string after = "") => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:quell="https://quell.dev/schema/bpmn/1" id="defs">
          <bpmn:process id="p" name="{{name}}">
            {{inside}}
            <bpmn:startEvent id="start" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
          </bpmn:process>
          {{after}}
        </bpmn:definitions>
        """;

    // An agentic task whose property named by the caller comes next, indented as its value.
    private static string Prefix(string property) => $"""
        id: hostile
        elements:
          - id: start
            type: StartEvent
          - id: task
            type: AgenticTask
            properties:
              agentProvider: scripted
              prompt: hi
              {property}:

        """.Replace("  prompt: hi\n      prompt:", "  prompt:", StringComparison.Ordinal);

    private const string Suffix = """
          - id: end
            type: EndEvent
        flows:
          - { source: start, target: task }
          - { source: task, target: end }

        """;
}
