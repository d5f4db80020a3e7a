using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Quell.Server.Errors;

/// <summary>
/// The errors the MCP SDK throws, instead of answering, for a POST to <c>/mcp</c> it cannot read (no content type,
/// params that do not fit the method): answered as JSON-RPC errors, which is what MCP clients parse, not as problem
/// details or a 500.
/// </summary>
internal static class McpRequestErrors
{
    public const string Path = "/mcp";

    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;

    /// <summary>Writes the JSON-RPC error for <paramref name="exception"/>; false when it is not a request error.</summary>
    public static async ValueTask<bool> TryWriteAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message) = exception switch
        {
            _ when !context.Request.HasJsonContentType() => (StatusCodes.Status415UnsupportedMediaType,
                $"Send the JSON-RPC message with 'Content-Type: application/json' (got '{context.Request.ContentType ?? "none"}')."),
            JsonException => (StatusCodes.Status400BadRequest,
                "The body is not a JSON-RPC message, or its params do not fit the method."),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        var error = new JsonRpcError { Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InvalidRequest, Message = message } };
        await context.Response.WriteAsJsonAsync(error, Json.GetTypeInfo(typeof(JsonRpcMessage)), "application/json", cancellationToken);
        return true;
    }
}
