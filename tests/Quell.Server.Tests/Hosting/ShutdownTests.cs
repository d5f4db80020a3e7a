using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task While_shutting_down_submissions_are_503_with_Retry_After()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.Client();
        var gateName = Guid.NewGuid().ToString("N");
        var gate = GateJob.Create(gateName);
        // The gate job ignores cancellation, so the host stays in its shutdown phase (with Kestrel up) until released.
        var blocker = await client.SubmitAsync("test.gate", new { gate = gateName });
        await client.WaitForStatusAsync(blocker.Id(), "running");

        server.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        using var response = await client.PostAsync("/api/jobs", SubmitJobTests.Json("""{"type":"test.sleep","input":{}}"""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        gate.SetResult();
    }
}
