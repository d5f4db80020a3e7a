using System.Text.Json.Serialization;

namespace Quell.Workflows.Model;

/// <summary>The file format a workflow definition was written in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowFormat>))]
public enum WorkflowFormat
{
    /// <summary>Quell's YAML format (<c>elements:</c> and <c>flows:</c>).</summary>
    [JsonStringEnumMemberName("yaml")]
    Yaml,

    /// <summary>BPMN 2.0 XML with Quell extension elements.</summary>
    [JsonStringEnumMemberName("bpmn")]
    Bpmn,
}
