using System.Net;
using Quell.Server.Auth;
using Quell.Server.Tests.Jobs;
using Quell.Server.Tests.Support;

namespace Quell.Server.Tests.Auth;

public sealed class ApiKeyTests
{
    private static Task<RunningServer> StartWithKeysAsync() => RunningServer.StartAsync(options =>
    {
        options.ApiKeys.Add(new ApiKey("key-a", "alice"));
        options.ApiKeys.Add(new ApiKey("key-b", "bob"));
    });

    [Fact]
    public async Task Without_a_key_every_api_route_is_401_with_a_bearer_challenge()
    {
        await using var server = await StartWithKeysAsync();
        using var anonymous = server.Client();

        foreach (var response in new[]
        {
            await anonymous.GetAsync("/api/jobs"),
            await anonymous.GetAsync("/api/jobs/x"),
            await anonymous.PostAsync("/api/jobs", SubmitJobTests.Json("""{"type":"test.sleep","input":{}}""")),
            await anonymous.PostAsync("/api/jobs/x/cancel", null),
        })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        await using var server = await StartWithKeysAsync();
        using var client = server.Client("key-c");

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_caller_sees_and_cancels_only_its_own_jobs()
    {
        await using var server = await StartWithKeysAsync();
        using var alice = server.Client("key-a");
        using var bob = new HttpClient { BaseAddress = server.Address };
        bob.DefaultRequestHeaders.Add("X-Api-Key", "key-b");
        var job = await alice.SubmitAsync("test.sleep", new { steps = 10_000, delayMs = 10 });

        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/jobs/{job.Id()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.PostAsync($"/api/jobs/{job.Id()}/cancel", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/jobs/{job.Id()}/events"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/jobs/{job.Id()}/partial-results"), HttpStatusCode.NotFound);
        var bobs = await bob.GetFromJsonElementAsync("/api/jobs");
        var alices = await alice.GetFromJsonElementAsync("/api/jobs");

        Assert.Equal(0, bobs.GetProperty("total").GetInt32());
        Assert.Equal(job.Id(), Assert.Single(alices.GetProperty("items").EnumerateArray()).Id());
        Assert.NotEqual("cancelled", (await alice.GetJobAsync(job.Id())).Status());
        await alice.PostAsync($"/api/jobs/{job.Id()}/cancel", null);
        var cancelled = await alice.WaitForStatusAsync(job.Id(), "cancelled");
        Assert.Equal("alice", cancelled.GetProperty("cancellation").GetProperty("requestedBy").GetString());
    }

    [Fact]
    public async Task Health_and_OpenAPI_stay_open_when_keys_are_configured()
    {
        await using var server = await StartWithKeysAsync();
        using var anonymous = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public void Keys_parse_from_the_environment_form()
    {
        var keys = ApiKeyConfiguration.Parse("k1=alice; k2=bob").ToList();

        Assert.Equal(["alice", "bob"], keys.Select(k => k.Owner));
        Assert.Equal(["k1", "k2"], keys.Select(k => k.Key));
        Assert.Throws<InvalidOperationException>(() => ApiKeyConfiguration.Parse("k1alice").ToList());
    }

    [Fact]
    public void A_key_never_shows_in_its_string_form()
    {
        Assert.DoesNotContain("secret", new ApiKey("secret", "alice").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_ring_finds_the_owner_of_a_key_and_nothing_else()
    {
        var ring = new ApiKeyRing([new ApiKey("key-a", "alice"), new ApiKey("key-b", "bob")]);

        Assert.True(ring.TryGetOwner("key-b", out var owner));
        Assert.Equal("bob", owner);
        Assert.False(ring.TryGetOwner("key-", out _));
        Assert.False(ring.TryGetOwner("", out _));
    }
}
