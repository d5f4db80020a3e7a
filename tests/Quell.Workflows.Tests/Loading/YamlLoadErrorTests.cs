using Quell.Workflows.Loading;
using Quell.Workflows.Model;
using static Quell.Workflows.Tests.Loading.LoadFailures;

namespace Quell.Workflows.Tests.Loading;

public sealed class YamlLoadErrorTests
{
    private const string Valid = """
        id: demo
        elements:
          - id: start
            type: StartEvent
          - id: work
            type: AgenticTask
            properties:
              allowCancellation: true
              prompt: Summarize {{ topic }}
              script:
                text: Done.
          - id: end
            type: EndEvent
        flows:
          - { source: start, target: work }
          - { source: work, target: end }
        """;

    private static WorkflowLoadException Broken(string text) => Load(text, WorkflowFormat.Yaml, "demo.yaml");

    [Fact]
    public void The_valid_base_file_loads()
    {
        var definition = WorkflowLoader.Load(Valid, WorkflowFormat.Yaml, "demo.yaml");
        var work = Assert.IsType<AgenticTask>(definition.GetElement("work"));
        Assert.True(work.AllowCancellation);
        Assert.Equal(ModelProviderKind.Scripted, work.Agent.Provider.Kind);
        Assert.Equal("flow_start_work", definition.Outgoing("start").Single().Id);
    }

    [Fact]
    public void A_bad_number_names_file_line_column_element_and_field()
    {
        var text = Valid.Replace("      script:", "      budget:\n        maxTokens: lots\n      script:");
        var error = Single(Broken(text), "positive integer");
        AssertAt(error, LineOf(text, "maxTokens: lots"), "work", "budget.maxTokens");
        Assert.Equal(
            $"demo.yaml:{LineOf(text, "maxTokens: lots")}:{ColumnOf(text, "lots")}: element 'work', field 'budget.maxTokens': expected a positive integer, got \"lots\"",
            error.Format("demo.yaml"));
    }

    [Fact]
    public void A_yaml_syntax_error_gives_its_line()
    {
        var text = Valid.Replace("    type: EndEvent", "    type: [EndEvent");
        var error = Single(Broken(text), "YAML syntax error");
        Assert.Equal(LineOf(text, "[EndEvent"), error.Line);
        Assert.Equal(ColumnOf(text, "[EndEvent"), error.Column);
        Assert.Null(error.ElementId);
    }

    [Fact]
    public void An_element_without_id_is_reported_at_its_line()
    {
        var text = Valid.Replace("  - id: end\n    type: EndEvent", "  - type: EndEvent\n    name: The end");
        var error = Single(Broken(text), "'id' is required");
        AssertAt(error, LineOf(text, "- type: EndEvent"), null, "id");
    }

    [Fact]
    public void A_duplicate_id_is_reported_at_the_second_use()
    {
        var text = Valid.Replace("  - id: end\n    type: EndEvent", "  - id: work\n    type: EndEvent");
        var error = Single(Broken(text), "used more than once");
        AssertAt(error, LineOf(text, "type: EndEvent") - 1, "work", "id");
    }

    [Fact]
    public void An_unknown_element_type_lists_the_known_ones()
    {
        var text = Valid.Replace("type: AgenticTask", "type: AgentTask");
        var error = Single(Broken(text), "unknown element type \"AgentTask\"");
        AssertAt(error, LineOf(text, "AgentTask"), "work", "type");
        Assert.Contains("AgenticTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_to_an_unknown_element_names_the_flow_and_its_target()
    {
        var text = Valid.Replace("{ source: work, target: end }", "{ id: to_end, source: work, target: ending }");
        var exception = Broken(text);
        AssertAt(Single(exception, "no element has the id 'ending'"), LineOf(text, "ending"), "to_end", "target");
        // The end event lost its only flow: that is reported too, with its own line.
        AssertAt(Single(exception, "cannot be reached"), LineOf(text, "- id: end"), "end", null);
    }

    [Fact]
    public void An_unreachable_element_is_named()
    {
        var text = Valid.Replace("  - id: end\n", "  - id: orphan\n    type: UserTask\n  - id: end\n")
            + "\n  - { source: orphan, target: end }";
        var error = Single(Broken(text), "cannot be reached");
        AssertAt(error, LineOf(text, "- id: orphan"), "orphan", null);
    }

    [Fact]
    public void Two_start_events_are_refused()
    {
        var text = Valid.Replace("  - id: end\n", "  - id: start2\n    type: StartEvent\n  - id: end\n")
            + "\n  - { source: start2, target: work }";
        var error = Single(Broken(text), "exactly one StartEvent");
        AssertAt(error, LineOf(text, "- id: start2"), "start2", "type");
    }

    [Fact]
    public void A_bad_condition_says_where_in_the_expression()
    {
        var text = Valid.Replace("  - { source: work, target: end }", """
              - { source: work, target: gate }
              - { id: yes, source: gate, target: end, condition: "${tasks.work.status === 'done'}" }
              - { id: no, source: gate, target: end, default: true }
            """).Replace("  - id: end\n", "  - id: gate\n    type: ExclusiveGateway\n  - id: end\n");
        var error = Single(Broken(text), "bad condition");
        AssertAt(error, LineOf(text, "===") , "yes", "condition");
        Assert.Contains("at character 23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused()
    {
        var text = Valid.Replace("      prompt:", "      agentProvider: openrouter\n      prompt:");
        AssertAt(Single(Broken(text), "unknown provider \"openrouter\""), LineOf(text, "openrouter"), "work", "agentProvider");
    }

    [Fact]
    public void An_unknown_property_is_refused_with_its_path()
    {
        var text = Valid.Replace("        text: Done.", "        text: Done.\n        temperature: 0.2");
        AssertAt(Single(Broken(text), "unknown property 'temperature'"), LineOf(text, "temperature"), "work", "script.temperature");
    }

    [Fact]
    public void A_literal_api_key_is_refused()
    {
        var text = Valid.Replace("      prompt:", "      apiKey: sk-live-123\n      prompt:");
        AssertAt(Single(Broken(text), "never holds an API key"), LineOf(text, "apiKey"), "work", "apiKey");
    }

    [Fact]
    public void A_gateway_without_outgoing_flows_is_refused()
    {
        var text = Valid.Replace("  - id: end\n", "  - id: gate\n    type: ExclusiveGateway\n  - id: end\n")
            .Replace("{ source: work, target: end }", "{ source: work, target: gate }");
        var exception = Broken(text);
        AssertAt(Single(exception, "needs at least one outgoing flow"), LineOf(text, "- id: gate"), "gate", null);
    }

    [Fact]
    public void A_scripted_task_without_a_script_is_refused()
    {
        var text = Valid.Replace("      script:\n        text: Done.\n", "");
        AssertAt(Single(Broken(text), "'script' is required"), LineOf(text, "allowCancellation: true"), "work", "script");
    }

    [Fact]
    public void A_malformed_prompt_placeholder_is_refused()
    {
        var text = Valid.Replace("{{ topic }}", "{{ topic");
        AssertAt(Single(Broken(text), "bad placeholder"), LineOf(text, "prompt:"), "work", "prompt");
    }

    [Fact]
    public void A_bool_that_is_not_a_bool_is_refused()
    {
        var text = Valid.Replace("allowCancellation: true", "allowCancellation: sometimes");
        AssertAt(Single(Broken(text), "expected true or false"), LineOf(text, "sometimes"), "work", "allowCancellation");
    }

    [Fact]
    public void A_duplicate_key_is_refused()
    {
        var text = Valid.Replace("      prompt:", "      allowCancellation: false\n      prompt:");
        AssertAt(Single(Broken(text), "more than once in the same map"), LineOf(text, "allowCancellation: false"), null, "allowCancellation");
    }

    [Fact]
    public void Every_error_is_reported_in_one_load_in_file_order()
    {
        var text = Valid.Replace("type: AgenticTask", "type: AgenticTask\n    colour: red").Replace("target: end }", "target: nowhere }");
        var exception = Broken(text);
        Assert.True(exception.Errors.Count >= 2, exception.Message);
        Assert.Equal(exception.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), exception.Errors);
        Assert.Equal(exception.Errors.Count, exception.Message.Split('\n').Length);
        Assert.All(exception.Message.Split('\n'), line => Assert.StartsWith("demo.yaml:", line, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_file_and_a_list_at_the_top_are_refused()
    {
        Assert.Contains("empty", Broken("").Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(1, Single(Broken("- a\n- b\n"), "at the top").Line);
    }
}
