using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// The rules every answer to hostile input must keep: an answer at all (no dropped connection, no hang), never a 5xx,
/// every 4xx under <c>/api</c> an RFC 9457 document with a useful detail, and nothing of the server's insides.
/// </summary>
public static partial class HostileAssert
{
    /// <summary>How long one hostile request may take before it counts as a hang.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Sends <paramref name="request"/> and fails the test when the answer breaks a rule.</summary>
    public static async Task AnswersCleanlyAsync(this HttpClient client, HttpRequestMessage request)
    {
        if (await client.CheckAsync(request) is { } failure) Assert.Fail(failure);
    }

    /// <summary>Sends <paramref name="request"/>; returns why its answer breaks a rule, or null when it keeps them all.</summary>
    public static async Task<string?> CheckAsync(this HttpClient client, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}";
        using var timeout = new CancellationTokenSource(Patience);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (HttpRequestException e)
        {
            return $"{what}: the connection dropped ({e.Message})";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"{what}: no complete answer within {Patience.TotalSeconds:0} s";
        }
        using (response)
        {
            return Judge(what, request.RequestUri!, response, body);
        }
    }

    /// <summary>Why this answer breaks a rule, or null.</summary>
    public static string? Judge(string what, Uri uri, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var shown = $"{what}: {status} {Shorten(body)}";
        if (status >= 500) return $"{shown} (a server error)";
        if (status < 400) return null;
        if (StackFrame().IsMatch(body) || TypeName().IsMatch(body)) return $"{shown} (leaks the server's insides)";
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        return path.StartsWith("/api", StringComparison.Ordinal) ? ProblemFailure(shown, status, response.Content.Headers.ContentType, body) : null;
    }

    private static string? ProblemFailure(string shown, int status, MediaTypeHeaderValue? contentType, string body)
    {
        if (contentType?.MediaType != "application/problem+json") return $"{shown} (content type '{contentType}', not application/problem+json)";
        JsonElement problem;
        try
        {
            problem = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            return $"{shown} (the problem document is not JSON)";
        }
        if (problem.ValueKind != JsonValueKind.Object) return $"{shown} (the problem document is not an object)";
        if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            return $"{shown} (no 'status' equal to the HTTP status)";
        if (!HasText(problem, "title", 3)) return $"{shown} (no 'title')";
        // A detail of a few words at least: "Bad Request" alone tells a caller nothing to act on.
        if (!HasText(problem, "detail", 15)) return $"{shown} (no useful 'detail')";
        return null;
    }

    private static bool HasText(JsonElement problem, string name, int minLength) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        value.GetString()!.Trim().Length >= minLength;

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // A .NET type or namespace name, as an exception message or a serializer error would show one, or the framework
    // classes whose messages tell a caller how to reconfigure the server.
    [GeneratedRegex(@"\b(System|Microsoft|YamlDotNet|Quell)\.[A-Z][A-Za-z]+|\b(XmlReaderSettings|DtdProcessing|JsonSerializerOptions)\b")]
    private static partial Regex TypeName();
}
