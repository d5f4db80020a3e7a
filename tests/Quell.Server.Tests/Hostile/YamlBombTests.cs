using System.Diagnostics;
using System.Net;
using System.Text;

namespace Quell.Server.Tests.Hostile;

/// <summary>
/// YAML uploads that would cost the server memory or CPU if it expanded them: each is refused as an invalid workflow,
/// quickly, with an answer of bounded size, and nothing is stored.
/// </summary>
public sealed class YamlBombTests(HostileServer server) : IClassFixture<HostileServer>
{
    /// <summary>Far above what refusing a 1 MiB file takes, far below what expanding a bomb would.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The answer may list errors and quote what is wrong (the detail and the first error both quote a bad condition
    /// whole), but not grow with the number of aliases in the file.
    /// </summary>
    private const int MaxAnswerBytes = 256 * 1024;

    private const int MaxAnswerPerFileByte = 3;

    private const int NearTheSizeLimit = 1000 * 1024;

    public static TheoryData<string, string> Bombs() => new()
    {
        { "billion laughs", HostileWorkflows.YamlAliasBomb() },
        { "an alias flood near the size limit", HostileWorkflows.YamlAliasFlood(NearTheSizeLimit) },
        { "merge keys over a large anchor", HostileWorkflows.YamlMergeBomb() },
        { "5,000-deep lists", HostileWorkflows.YamlDeepList(5_000) },
        { "lists as deep as the size limit allows", HostileWorkflows.YamlDeepList(NearTheSizeLimit / 2) },
        { "5,000-deep service input", HostileWorkflows.YamlDeepServiceInput(5_000) },
        { "a 5,000-deep condition", HostileWorkflows.YamlDeepCondition(5_000) },
        { "a condition as deep as the size limit allows", HostileWorkflows.YamlDeepCondition(NearTheSizeLimit / 2) },
        { "a 5,000-deep template", HostileWorkflows.YamlDeepTemplate(5_000) },
        { "a template as deep as the size limit allows", HostileWorkflows.YamlDeepTemplate(NearTheSizeLimit) },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task A_bomb_is_refused_quickly_with_a_small_answer_and_nothing_is_stored(string kind, string yaml)
    {
        var id = "bomb-" + Math.Abs(kind.GetHashCode(StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        using var request = HostileRequest.Bytes($"/api/workflows/{id}", Encoding.UTF8.GetBytes(yaml), "application/yaml", HttpMethod.Put);
        using var response = await server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();

        Assert.Null(HostileAssert.Judge(kind, request.RequestUri!, response, body));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}");
        Assert.True(clock.Elapsed < Quickly, $"{kind}: took {clock.Elapsed}");
        Assert.True(body.Length < Math.Max(MaxAnswerBytes, MaxAnswerPerFileByte * yaml.Length), $"{kind}: an answer of {body.Length} characters");
        using var stored = await server.Client.GetAsync($"/api/workflows/{id}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        await server.AssertStillHealthyAsync();
    }
}
