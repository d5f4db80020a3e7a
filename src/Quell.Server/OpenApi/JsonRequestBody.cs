using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quell.Server.OpenApi;

/// <summary>
/// Documents a JSON body that the handler reads itself. <c>Accepts&lt;T&gt;()</c> would document it too, but it
/// also makes routing answer a wrong content type with a bare 415 before the handler can explain the problem.
/// </summary>
internal static class JsonRequestBody
{
    public static RouteHandlerBuilder WithJsonRequestBody<T>(this RouteHandlerBuilder endpoint, bool required) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                },
            };
        });
}
