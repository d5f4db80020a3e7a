using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Quell.Server.OpenApi;

/// <summary>Documents a text body (a workflow file) that the handler reads itself, under each accepted content type.</summary>
internal static class TextRequestBody
{
    public static RouteHandlerBuilder WithTextRequestBody(this RouteHandlerBuilder endpoint, IEnumerable<string> contentTypes) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
            return Task.CompletedTask;
        });
}
