using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Quell.Mcp.Tools;

namespace Quell.Mcp.Tasks;

/// <summary>
/// Serves MCP tasks on the wire with the SDK's message filters (2.3.1 has no task types or hooks): the incoming
/// filter answers task-augmented <c>tools/call</c> and <c>tasks/get|result|list|cancel</c> itself and never passes
/// them on; the outgoing filter adds <c>capabilities.tasks</c> to the <c>initialize</c> result and
/// <c>execution.taskSupport</c> to the task tools in <c>tools/list</c>. The runtime side is <see cref="IMcpTaskStore"/>.
/// </summary>
internal sealed class McpTaskProtocol(IMcpTaskStore tasks)
{
    public const string TasksGet = "tasks/get";
    public const string TasksResult = "tasks/result";
    public const string TasksList = "tasks/list";
    public const string TasksCancel = "tasks/cancel";

    // Requests whose response the outgoing filter decorates, by scope and request id: set by the incoming filter
    // before the SDK handles the request, removed once the handler (which sends the response) returned. The scope
    // is the request's own transport over Streamable HTTP (one per POST: stateless requests have no session id and
    // every client numbers from 0), else the session.
    private readonly ConcurrentDictionary<(object Scope, RequestId Id), string> _decorate = new();

    public static McpMessageHandler Incoming(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        var protocol = context.Services?.GetService(typeof(McpTaskProtocol)) as McpTaskProtocol;
        if (protocol is null || context.JsonRpcMessage is not JsonRpcRequest request)
        {
            await next(context, cancellationToken).ConfigureAwait(false);
            return;
        }
        await protocol.HandleAsync(context, request, next, cancellationToken).ConfigureAwait(false);
    };

    public static McpMessageHandler Outgoing(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcResponse response && context.Services?.GetService(typeof(McpTaskProtocol)) is McpTaskProtocol protocol)
        {
            protocol.Decorate(context.Server, response);
        }
        await next(context, cancellationToken).ConfigureAwait(false);
    };

    private async Task HandleAsync(MessageContext context, JsonRpcRequest request, McpMessageHandler next, CancellationToken cancellationToken)
    {
        JsonNode? result;
        try
        {
            switch (request.Method)
            {
                case RequestMethods.Initialize or RequestMethods.ToolsList:
                    await PassDecoratedAsync(context, request, next, cancellationToken).ConfigureAwait(false);
                    return;
                case RequestMethods.ToolsCall when McpTaskRequest.TryReadTask(request.Params, out var ttlMs):
                    await CreateTaskAsync(context, request, ttlMs, cancellationToken).ConfigureAwait(false);
                    return;
                case TasksGet:
                    result = McpTaskWire.Task(await tasks.GetAsync(McpTaskRequest.TaskId(request.Params), McpCaller.Owner(context), cancellationToken).ConfigureAwait(false));
                    break;
                case TasksResult:
                    var (task, toolResult) = await tasks.GetResultAsync(McpTaskRequest.TaskId(request.Params), McpCaller.Owner(context), context.Server, cancellationToken).ConfigureAwait(false);
                    result = McpTaskWire.Result(task.TaskId, toolResult);
                    break;
                case TasksList:
                    result = McpTaskWire.ListResult(await tasks.ListAsync(McpCaller.Owner(context), McpTaskRequest.Cursor(request.Params), cancellationToken).ConfigureAwait(false));
                    break;
                case TasksCancel:
                    result = McpTaskWire.Task(await tasks.CancelAsync(McpTaskRequest.TaskId(request.Params), McpCaller.Owner(context), cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    await next(context, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }
        catch (McpTaskException e)
        {
            // The SDK turns this into the JSON-RPC error response for the request.
            throw new McpProtocolException(e.Message, (McpErrorCode)e.Code);
        }
        await RespondAsync(context, request, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateTaskAsync(MessageContext context, JsonRpcRequest request, long? ttlMs, CancellationToken cancellationToken)
    {
        var name = McpTaskRequest.ToolName(request.Params);
        var tool = tasks.FindTool(name) ?? throw new McpTaskException(
            McpTaskException.MethodNotFound, $"Tool '{name}' does not support task-augmented calls; call it without 'task'.");
        var owner = McpCaller.Owner(context);
        var task = await tasks.CreateAsync(tool, McpTaskRequest.Arguments(request.Params), owner, ttlMs, cancellationToken).ConfigureAwait(false);
        // The task outlives this request: from here on, the client's cancel of the request changes nothing.
        await RespondAsync(context, request, McpTaskWire.CreateTaskResult(task), CancellationToken.None).ConfigureAwait(false);
        if (McpTaskRequest.ProgressToken(request.Params) is { } token) tasks.RelayProgress(task.TaskId, owner, context.Server, token);
    }

    private async Task PassDecoratedAsync(MessageContext context, JsonRpcRequest request, McpMessageHandler next, CancellationToken cancellationToken)
    {
        var key = (ScopeOf(context.Server, request), request.Id);
        _decorate[key] = request.Method;
        try
        {
            await next(context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decorate.TryRemove(key, out _);
        }
    }

    private void Decorate(McpServer session, JsonRpcResponse response)
    {
        if (!_decorate.TryRemove((ScopeOf(session, response), response.Id), out var method) || response.Result is not JsonObject result) return;
        if (method == RequestMethods.Initialize)
        {
            if (result["capabilities"] is JsonObject capabilities) capabilities["tasks"] = McpTaskWire.Capability();
        }
        else if (result["tools"] is JsonArray tools)
        {
            foreach (var tool in tools.OfType<JsonObject>())
            {
                if (tool["name"] is JsonValue name && name.TryGetValue<string>(out var toolName) && tasks.FindTool(toolName) is not null)
                {
                    tool["execution"] = McpTaskWire.OptionalTaskSupport();
                }
            }
        }
    }

    private static Task RespondAsync(MessageContext context, JsonRpcRequest request, JsonNode result, CancellationToken cancellationToken) =>
        // Sent through the request's own server view, so over Streamable HTTP it answers the request's POST.
        context.Server.SendMessageAsync(new JsonRpcResponse { Id = request.Id, Result = result }, cancellationToken);

    private static object ScopeOf(McpServer session, JsonRpcMessage message) =>
        message.Context?.RelatedTransport ?? (object)(session.SessionId ?? "");
}
