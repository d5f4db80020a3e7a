using System.ClientModel;

namespace Quell.Agents.Runner;

/// <summary>Which model-call failures are worth a retry: HTTP 429 and 5xx, from HttpClient or the OpenAI SDK.</summary>
internal static class RetryableFailures
{
    public static int? StatusOf(Exception error) => error switch
    {
        HttpRequestException { StatusCode: { } status } => (int)status,
        ClientResultException { Status: > 0 } result => result.Status,
        _ => error.InnerException is { } inner ? StatusOf(inner) : null,
    };

    public static bool IsRetryable(Exception error) => StatusOf(error) is 429 or (>= 500 and <= 599);
}
