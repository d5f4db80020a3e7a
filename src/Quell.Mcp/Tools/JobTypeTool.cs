using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Mcp.Calls;

namespace Quell.Mcp.Tools;

/// <summary>
/// A registered job type offered as a tool (<see cref="JobTypeOptions.ExposeAsMcpTool"/>): the call's arguments are
/// the job's input, checked by the runtime at submission; the job runs to its end through <see cref="JobCallRunner"/>,
/// with progress notifications and cancellation exactly as for <c>analyze_csv</c>.
/// </summary>
internal sealed class JobTypeTool : McpServerTool
{
    private readonly string _jobType;

    private JobTypeTool(string jobType, Tool protocolTool)
    {
        _jobType = jobType;
        ProtocolTool = protocolTool;
    }

    /// <inheritdoc />
    public override Tool ProtocolTool { get; }

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata { get; } = [];

    /// <summary>The tool name of a job type: its own name with dots turned into underscores, unless it names one.</summary>
    public static string ToolName(string jobType, JobTypeOptions options) =>
        options.McpToolName is { Length: > 0 } name ? name : jobType.Replace('.', '_');

    public static JobTypeTool Create(string jobType, JobTypeOptions options)
    {
        var inputType = options.InputType
            ?? throw new InvalidOperationException($"Job type '{jobType}' has no input type; register it with QuellBuilder.AddJob.");
        var tool = new Tool
        {
            Name = ToolName(jobType, options),
            Title = jobType,
            Description = (options.Description is { Length: > 0 } description ? description + " " : "")
                + $"Runs one '{jobType}' job to its end and returns its result. Reports progress when the request has a "
                + "progress token; cancelling the request cancels the job, which keeps its partial results (get_partial_results).",
            InputSchema = InputSchema(inputType),
        };
        return new JobTypeTool(jobType, tool);
    }

    /// <inheritdoc />
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runner = (request.Services ?? request.Server.Services)?.GetRequiredService<JobCallRunner>()
            ?? throw new InvalidOperationException("Quell's MCP tools need a service provider (WithQuellTools).");
        var input = new JsonObject();
        foreach (var (name, value) in request.Params?.Arguments ?? new Dictionary<string, JsonElement>())
        {
            input[name] = JsonNode.Parse(value.GetRawText());
        }
        var submission = new JobSubmission(_jobType, JsonSerializer.SerializeToElement(input), McpCaller.Owner(request));
        JobRecord job;
        try
        {
            job = await runner.RunAsync(request, submission, cancellationToken).ConfigureAwait(false);
        }
        catch (JobSubmissionException e)
        {
            return ToolResults.Error(e.Message);
        }
        return JobOutcome.ToResult(job);
    }

    /// <summary>The JSON schema of the handler's input, with the names the runtime reads (web defaults: camelCase).</summary>
    private static JsonElement InputSchema(Type inputType)
    {
        var options = new JsonSerializerOptions(QuellBuilder.HandlerJsonOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var schema = AIJsonUtilities.CreateJsonSchema(inputType, serializerOptions: options);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) || type.GetString() != "object")
        {
            throw new InvalidOperationException($"The input of an MCP tool must be a JSON object; {inputType.Name} is not.");
        }
        return schema;
    }
}
