using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Quell.Server.Errors;

/// <summary>
/// Reads a JSON request body by hand, so a wrong content type or malformed JSON becomes a 400 with a specific
/// detail instead of minimal APIs' bare 415/400.
/// </summary>
internal static class JsonBody
{
    /// <summary>The body, or a problem. An optional body may be absent; then both are null.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (optional && !HasBody(request)) return (null, null);
        if (!request.HasJsonContentType())
        {
            return (null, Problems.BadRequest(
                "Unsupported content type",
                $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}')."));
        }
        // Buffered, because the serializer leaves the strings inside a JsonElement (a job's input, a run's variables)
        // undecoded: invalid UTF-8 there would only fail later, when the store writes the text.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (!Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            return (null, Problems.BadRequest("Invalid UTF-8", "The request body is not valid UTF-8; send JSON encoded as UTF-8."));
        }
        body.Position = 0;
        try
        {
            var value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken);
            return value is null
                ? (null, Problems.BadRequest("Missing body", "The body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            // Say where, not the serializer's message: that one names internal .NET types.
            return (null, Problems.BadRequest("Malformed JSON",
                $"The request body is not valid JSON, or a value has the wrong type, at '{e.Path ?? "$"}' " +
                $"(line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    private static bool HasBody(HttpRequest request)
    {
        if (request.ContentLength is { } length) return length > 0;
        return request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
    }
}
