using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Workflows;

/// <summary>Helpers over the run routes.</summary>
public static class RunApi
{
    public static async Task<JsonElement> StartRunAsync(this HttpClient client, string workflowId, object? body = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/workflows/{workflowId}/runs", body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        Assert.NotNull(response.Headers.Location);
        var run = JsonSerializer.Deserialize<JsonElement>(text);
        // Named at once, even before the run has written workflow.started.
        Assert.Equal(workflowId, run.GetProperty("workflowId").GetString());
        return run;
    }

    public static async Task<JsonElement> GetRunAsync(this HttpClient client, string runId)
    {
        using var response = await client.GetAsync($"/api/runs/{runId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Polls the run until <paramref name="until"/> holds (30 s at most).</summary>
    public static async Task<JsonElement> WaitForRunAsync(this HttpClient client, string runId, Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(RunningServer.Patience);
        while (true)
        {
            var run = await client.GetRunAsync(runId);
            if (until(run)) return run;
            await Task.Delay(25, timeout.Token);
        }
    }

    public static Task<JsonElement> WaitForEndAsync(this HttpClient client, string runId) =>
        client.WaitForRunAsync(runId, run => run.GetProperty("status").GetString() is "completed" or "failed" or "cancelled");

    public static JsonElement? Element(this JsonElement run, string elementId) =>
        run.GetProperty("elements").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(e => e!.Value.GetProperty("elementId").GetString() == elementId);

    public static string? ElementStatus(this JsonElement run, string elementId) =>
        run.Element(elementId)?.GetProperty("status").GetString();

    /// <summary>Waits until the element has streamed some text (it runs, and is past its start).</summary>
    public static Task<JsonElement> WaitUntilStreamingAsync(this HttpClient client, string runId, string elementId) =>
        client.WaitForRunAsync(runId, run => run.GetProperty("messages").EnumerateArray().Any(m =>
            m.GetProperty("elementId").GetString() == elementId && m.GetProperty("content").GetString()!.Length > 0));

    public static Task<HttpResponseMessage> CancelElementAsync(this HttpClient client, string runId, string elementId, string? message = null) =>
        client.PostAsJsonAsync($"/api/runs/{runId}/elements/{elementId}/cancel", new { reason = "user_requested", message });
}
