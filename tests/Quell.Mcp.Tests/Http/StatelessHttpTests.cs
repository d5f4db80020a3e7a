using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Quell.Hosting;
using Quell.Mcp.Hosting;
using Quell.Mcp.Tests.Infrastructure;
using Quell.Storage.Sqlite;

namespace Quell.Mcp.Tests.Http;

/// <summary>
/// Quell's tools on a stateless Streamable HTTP endpoint (the SDK's default; <c>quell serve</c> keeps sessions for
/// 2025-11-25 clients). Each POST gets its own server there, so the SDK never cancels the request the client names:
/// the call registry does, and the outgoing filter holds back the response.
/// </summary>
public sealed class StatelessHttpTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddQuell(quell =>
        {
            quell.Configure(runtime => runtime.DataDirectory = _data.Path);
            CountJob.Register(quell);
            quell.UseSqliteStore();
        });
        builder.Services.AddQuellMcpServer().WithHttpTransport(http => http.Stateless = true);
        _app = builder.Build();
        _app.MapMcp("/mcp");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _endpoint = new Uri(new Uri(address), "/mcp");
    }

    [Fact]
    public async Task A_cancel_notification_cancels_the_job_and_its_response_is_held_back()
    {
        await using var session = await QuellMcpSession.ConnectHttpAsync(_endpoint, apiKey: null);
        var progress = new FirstProgress();
        var call = session.Client.CallToolAsync(CountJob.ToolName, QuellMcpSession.ToArguments(new { steps = 100_000, delayMs = 5 }), progress).AsTask();
        await progress.First.WaitAsync(QuellMcpSession.Patience);
        var requestId = session.Tap.LastToolCallId();

        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = requestId, Reason = "stateless stop" }, McpJsonUtilities.DefaultOptions);

        var jobId = (await session.CallJsonAsync("list_jobs", new { limit = 1 })).GetProperty("items")[0].GetProperty("id").GetString()!;
        var job = await session.WaitForTerminalAsync(jobId);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal("user_requested", job.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("stateless stop", job.GetProperty("cancellation").GetProperty("message").GetString());
        // The POST that carried the call ends without a reply: the job ran to its cancelled end, the result was dropped.
        await QuellMcpSession.AssertEndsWithoutReplyAsync(call);
        Assert.False(session.Tap.ReceivedResponseFor(requestId));
        // Other requests went on being answered, each on its own POST.
        await session.Client.PingAsync();
    }

    [Fact]
    public async Task A_finished_call_is_answered_and_a_late_cancel_changes_nothing()
    {
        await using var session = await QuellMcpSession.ConnectHttpAsync(_endpoint, apiKey: null);
        var done = await session.CallJsonAsync(CountJob.ToolName, new { steps = 3, delayMs = 1 });
        await session.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = session.Tap.LastToolCallId(), Reason = "too late" }, McpJsonUtilities.DefaultOptions);

        var again = await session.CallJsonAsync(CountJob.ToolName, new { steps = 3, delayMs = 1 });

        Assert.Equal("completed", again.GetProperty("status").GetString());
        var first = await session.CallJsonAsync("get_job", new { id = done.GetProperty("jobId").GetString() });
        Assert.Equal("completed", first.GetProperty("status").GetString());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
