using System.Net.Http.Json;
using System.Text.Json;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// A few hundred seeded mutations of valid submit, start-run and cancel bodies. The seed is fixed, so a failure names
/// a mutation that fails the same way every run.
/// </summary>
public sealed class MutationFuzzTests(HostileServer server) : IClassFixture<HostileServer>
{
    private const int Seed = 20_251_122;
    private const int MutationsPerBody = 80;

    [Fact]
    public async Task Mutated_bodies_are_accepted_or_refused_cleanly_and_the_server_still_runs_jobs()
    {
        var bodies = new (string Path, string Valid)[]
        {
            ("/api/jobs", """{"type":"test.sleep","input":{"steps":1,"delayMs":1},"timeoutSeconds":30,"dependsOn":[]}"""),
            ($"/api/workflows/{HostileServer.WorkflowId}/runs", """{"variables":{"topic":"battery","count":2,"tags":["a","b"]},"runId":"fuzz-run"}"""),
            ($"/api/jobs/{server.FinishedJobId}/cancel", """{"reason":"user_requested","message":"stop please"}"""),
            ($"/api/runs/{server.FinishedRunId}/cancel", """{"reason":"timeout","message":"too slow"}"""),
        };
        var mutator = new BodyMutator(Seed);
        var failures = new List<string>();

        foreach (var (path, valid) in bodies)
        {
            for (var i = 0; i < MutationsPerBody; i++)
            {
                var (name, body) = mutator.Mutate(valid);
                using var request = HostileRequest.Bytes(path, body, "application/json");
                if (await server.Client.CheckAsync(request) is { } failure) failures.Add($"#{i} {name}: {failure}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {bodies.Length * MutationsPerBody} mutations failed:\n{string.Join('\n', failures.Take(30))}");
        await CancelLeftoversAsync();
        await server.AssertStillHealthyAsync();
    }

    // A mutation may have turned a one-step job into a very long one; it must not keep the workers from the final job.
    private async Task CancelLeftoversAsync()
    {
        foreach (var status in new[] { "running", "pending" })
        {
            var page = await server.Client.GetFromJsonAsync<JsonElement>($"/api/jobs?status={status}&limit=500");
            foreach (var job in page.GetProperty("items").EnumerateArray())
            {
                using var _ = await server.Client.PostAsync($"/api/jobs/{job.Id()}/cancel", null);
            }
        }
    }
}
