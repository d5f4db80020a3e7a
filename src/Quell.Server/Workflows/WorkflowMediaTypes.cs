using Microsoft.Net.Http.Headers;
using Quell.Workflows.Model;

namespace Quell.Server.Workflows;

/// <summary>Which content types carry which workflow format.</summary>
internal static class WorkflowMediaTypes
{
    public const string Yaml = "application/yaml";
    public const string Xml = "application/xml";

    public static readonly string[] Accepted =
        [Yaml, "text/yaml", "application/x-yaml", "text/x-yaml", Xml, "text/xml", "application/bpmn+xml"];

    /// <summary>The format a request's <c>Content-Type</c> names, or null for any other type.</summary>
    public static WorkflowFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return null;
        return parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            Yaml or "text/yaml" or "application/x-yaml" or "text/x-yaml" => WorkflowFormat.Yaml,
            Xml or "text/xml" or "application/bpmn+xml" => WorkflowFormat.Bpmn,
            _ => null,
        };
    }

    /// <summary>The content type the original text is served back with.</summary>
    public static string ContentType(WorkflowFormat format) =>
        (format == WorkflowFormat.Yaml ? Yaml : Xml) + "; charset=utf-8";

    public static string WireName(WorkflowFormat format) => format == WorkflowFormat.Yaml ? "yaml" : "bpmn";
}
