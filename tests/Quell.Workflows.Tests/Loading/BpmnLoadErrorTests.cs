using Quell.Workflows.Loading;
using Quell.Workflows.Model;
using static Quell.Workflows.Tests.Loading.LoadFailures;

namespace Quell.Workflows.Tests.Loading;

public sealed class BpmnLoadErrorTests
{
    private const string Valid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:quell="https://quell.dev/schema/bpmn/1" id="d">
          <bpmn:process id="demo" name="Demo">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="work" quell:type="agentic">
              <bpmn:extensionElements>
                <quell:properties allowCancellation="true">
                  <quell:prompt>Summarize {{ topic }}</quell:prompt>
                  <quell:script tokensPerSecond="10"><quell:text>Done.</quell:text></quell:script>
                </quell:properties>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static WorkflowLoadException Broken(string text) => Load(text, WorkflowFormat.Bpmn, "demo.bpmn");

    [Fact]
    public void The_valid_base_file_loads()
    {
        var definition = WorkflowLoader.Load(Valid, WorkflowFormat.Bpmn, "demo.bpmn");
        var work = Assert.IsType<AgenticTask>(definition.GetElement("work"));
        Assert.True(work.AllowCancellation);
        Assert.Equal(10, work.Agent.Script!.TokensPerSecond);
        Assert.Equal(WorkflowFormat.Bpmn, definition.Format);
        Assert.Null(definition.Bpmn!.DiagramXml);
    }

    [Fact]
    public void Text_that_is_not_xml_is_refused_with_its_line()
    {
        var text = Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\">");
        var error = Single(Broken(text), "not well-formed XML");
        Assert.True(error.Line >= LineOf(text, "<bpmn:endEvent"), error.ToString());
        Assert.Single(Broken("id: demo\nelements: []").Errors, e => e.Message.StartsWith("not well-formed XML", StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_without_a_process_is_refused()
    {
        var text = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:collaboration id="c" />
            </bpmn:definitions>
            """;
        AssertAt(Single(Broken(text), "no bpmn:process"), 1, null, null);
    }

    [Fact]
    public void A_bad_number_in_an_attribute_points_at_the_attribute()
    {
        var text = Valid.Replace("tokensPerSecond=\"10\"", "tokensPerSecond=\"fast\"");
        var error = Single(Broken(text), "expected a positive number");
        AssertAt(error, LineOf(text, "fast"), "work", "script.tokensPerSecond");
        Assert.Equal(ColumnOf(text, "tokensPerSecond=\"fast\""), error.Column);
        Assert.EndsWith("got \"fast\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_bpmn_element_is_named()
    {
        var text = Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" />\n    <bpmn:subProcess id=\"sub\" />");
        AssertAt(Single(Broken(text), "unknown element type bpmn:subProcess"), LineOf(text, "subProcess"), "sub", null);
    }

    [Fact]
    public void A_plain_task_is_refused_with_a_hint()
    {
        var text = Valid.Replace("<bpmn:serviceTask id=\"work\" quell:type=\"agentic\">", "<bpmn:task id=\"work\">")
            .Replace("</bpmn:serviceTask>", "</bpmn:task>");
        AssertAt(Single(Broken(text), "plain bpmn:task"), LineOf(text, "<bpmn:task"), "work", null);
    }

    [Fact]
    public void An_unknown_quell_type_is_refused()
    {
        var text = Valid.Replace("quell:type=\"agentic\"", "quell:type=\"robot\"");
        AssertAt(Single(Broken(text), "unknown service task type"), LineOf(text, "robot"), "work", "quell:type");
    }

    [Fact]
    public void A_flow_to_an_unknown_element_points_at_targetRef()
    {
        var text = Valid.Replace("targetRef=\"end\"", "targetRef=\"ending\"");
        var error = Single(Broken(text), "no element has the id 'ending'");
        AssertAt(error, LineOf(text, "ending"), "f2", "target");
        Assert.Equal(ColumnOf(text, "targetRef=\"ending\""), error.Column);
    }

    [Fact]
    public void A_duplicate_id_is_refused()
    {
        var text = Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"work\" />").Replace("targetRef=\"end\"", "targetRef=\"work\"");
        AssertAt(Single(Broken(text), "used more than once"), LineOf(text, "<bpmn:endEvent"), "work", "id");
    }

    [Fact]
    public void A_bad_condition_expression_is_refused()
    {
        var text = Valid.Replace("<bpmn:sequenceFlow id=\"f2\" sourceRef=\"work\" targetRef=\"end\" />", """
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="gate" />
                <bpmn:exclusiveGateway id="gate" default="f4" />
                <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="end">
                  <bpmn:conditionExpression>${tasks.work.status == 'cancelled' &amp;&amp;}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f4" sourceRef="gate" targetRef="end" />
            """);
        var error = Single(Broken(text), "bad condition");
        AssertAt(error, LineOf(text, "conditionExpression>"), "f3", "condition");
        Assert.Contains("expression ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_that_is_not_an_outgoing_flow_is_refused()
    {
        var text = Valid.Replace("<bpmn:sequenceFlow id=\"f2\" sourceRef=\"work\" targetRef=\"end\" />", """
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="gate" />
                <bpmn:exclusiveGateway id="gate" default="f2" />
                <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="end" />
            """);
        var error = Single(Broken(text), "is not a flow leaving 'gate'");
        AssertAt(error, LineOf(text, "default=\"f2\""), "gate", "default");
    }

    [Fact]
    public void A_gateway_without_outgoing_flows_is_refused()
    {
        var text = Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" />\n    <bpmn:parallelGateway id=\"fork\" />")
            .Replace("sourceRef=\"work\" targetRef=\"end\"", "sourceRef=\"work\" targetRef=\"fork\"");
        AssertAt(Single(Broken(text), "needs at least one outgoing flow"), LineOf(text, "parallelGateway"), "fork", null);
    }

    [Fact]
    public void A_task_without_id_is_refused()
    {
        var text = Valid.Replace("<bpmn:serviceTask id=\"work\" quell:type=\"agentic\">", "<bpmn:serviceTask quell:type=\"agentic\">");
        AssertAt(Single(Broken(text), "needs an 'id'"), LineOf(text, "<bpmn:serviceTask"), null, "id");
    }

    [Fact]
    public void An_unknown_property_element_is_refused_with_its_path()
    {
        var text = Valid.Replace("<quell:text>Done.</quell:text>", "<quell:text>Done.</quell:text><quell:voice>calm</quell:voice>");
        AssertAt(Single(Broken(text), "unknown property 'voice'"), LineOf(text, "quell:voice"), "work", "script.voice");
    }

    [Fact]
    public void A_timer_start_event_is_not_supported()
    {
        var text = Valid.Replace("<bpmn:startEvent id=\"start\" />", "<bpmn:startEvent id=\"start\"><bpmn:timerEventDefinition /></bpmn:startEvent>");
        AssertAt(Single(Broken(text), "timerEventDefinition is not supported"), LineOf(text, "timerEventDefinition"), "start", null);
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n" + Valid[(Valid.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        var error = Single(Broken(text), "not well-formed XML");
        Assert.True(error.Line == 2, error.ToString());
    }
}
