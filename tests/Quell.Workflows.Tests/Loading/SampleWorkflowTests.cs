using System.Text.Json;
using System.Text.Json.Nodes;
using Quell.Workflows.Loading;
using Quell.Workflows.Model;

namespace Quell.Workflows.Tests.Loading;

public sealed class SampleWorkflowTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Sample(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Quell.slnx"))) directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "samples", "workflows", name);
    }

    [Fact]
    public void The_yaml_and_bpmn_samples_load_to_the_same_model()
    {
        var yaml = WorkflowLoader.LoadFile(Sample("feedback-analysis.yaml"));
        var bpmn = WorkflowLoader.LoadFile(Sample("feedback-analysis.bpmn"));
        Assert.Equal(WorkflowFormat.Yaml, yaml.Format);
        Assert.Equal(WorkflowFormat.Bpmn, bpmn.Format);
        var a = WithoutSource(yaml);
        var b = WithoutSource(bpmn);
        Assert.True(JsonNode.DeepEquals(a, b), $"YAML:\n{a}\n\nBPMN:\n{b}");
    }

    [Fact]
    public void The_feedback_sample_has_the_seed_workflow_shape()
    {
        var workflow = WorkflowLoader.LoadFile(Sample("feedback-analysis.yaml"));
        Assert.Equal("feedback-analysis", workflow.Id);
        Assert.Equal("fetch_data", workflow.Outgoing(workflow.Start.Id).Single().Target);
        Assert.IsType<ParallelGateway>(workflow.GetElement("split"));
        Assert.Equal(2, workflow.Outgoing("split").Count());

        var gateway = Assert.IsType<ExclusiveGateway>(workflow.GetElement("keywords_done"));
        Assert.Equal("flow_keywords_ok", gateway.DefaultFlowId);
        var toTaskC = workflow.Outgoing(gateway.Id).Single(f => f.Condition is not null);
        Assert.Equal("task_c", toTaskC.Target);
        Assert.Equal("extract_keywords", workflow.Incoming(gateway.Id).Single().Source);

        var report = Assert.IsType<AgenticTask>(workflow.GetElement("generate_report"));
        Assert.Equal(5, report.Agent.Script!.ToolCalls.Count);
        Assert.Equal("generate_report", report.Agent.Script.ToolCalls[3].Name);
        Assert.All(workflow.Elements.OfType<AgenticTask>(), t => Assert.Equal(ModelProviderKind.Scripted, t.Agent.Provider.Kind));
        Assert.All(new[] { "analyze_sentiment", "extract_keywords", "generate_report", "task_c" },
            id => Assert.True(((WorkflowTask)workflow.GetElement(id)).AllowCancellation, id));
        Assert.False(((WorkflowTask)workflow.GetElement("fetch_data")).AllowCancellation);
        Assert.Equal(EndOutcome.Failure, Assert.IsType<EndEvent>(workflow.GetElement("end_failed")).Outcome);
    }

    [Fact]
    public void The_bpmn_sample_keeps_a_diagram_with_a_shape_per_element_and_an_edge_per_flow()
    {
        var workflow = WorkflowLoader.LoadFile(Sample("feedback-analysis.bpmn"));
        var diagram = System.Xml.Linq.XElement.Parse(workflow.Bpmn!.DiagramXml!);
        System.Xml.Linq.XNamespace di = "http://www.omg.org/spec/BPMN/20100524/DI";
        var shapes = diagram.Descendants(di + "BPMNShape").Select(s => (string)s.Attribute("bpmnElement")!).ToHashSet();
        var edges = diagram.Descendants(di + "BPMNEdge").Select(s => (string)s.Attribute("bpmnElement")!).ToHashSet();
        Assert.True(workflow.Elements.Select(e => e.Id).ToHashSet().SetEquals(shapes));
        Assert.True(workflow.Flows.Select(f => f.Id).ToHashSet().SetEquals(edges));
        Assert.All(diagram.Descendants(di + "BPMNEdge"), e => Assert.True(e.Elements().Count(w => w.Name.LocalName == "waypoint") >= 2));
        Assert.Contains("quell:type=\"agentic\"", workflow.Bpmn.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_round_trips_through_json()
    {
        var workflow = WorkflowLoader.LoadFile(Sample("feedback-analysis.yaml"));
        var json = JsonSerializer.Serialize(workflow.Elements, Json);
        var elements = JsonSerializer.Deserialize<List<WorkflowElement>>(json, Json)!;
        Assert.Equal(workflow.Elements.Select(e => e.GetType()), elements.Select(e => e.GetType()));
        Assert.Contains("\"type\":\"AgenticTask\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"scripted\"", json, StringComparison.Ordinal);
    }

    private static JsonObject WithoutSource(WorkflowDefinition definition)
    {
        var node = JsonSerializer.SerializeToNode(definition, Json)!.AsObject();
        node.Remove("format");
        node.Remove("bpmn");
        return node;
    }
}
