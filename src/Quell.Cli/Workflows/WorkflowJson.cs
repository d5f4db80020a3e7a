using System.Text.Json;

namespace Quell.Cli.Workflows;

/// <summary>How the workflow commands print and read run documents: the HTTP API's camelCase JSON.</summary>
internal static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
