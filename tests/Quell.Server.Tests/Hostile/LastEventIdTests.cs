namespace Quell.Server.Tests.Hostile;

/// <summary>Resume positions no client of ours would send, as the header and as the query, on both event streams.</summary>
public sealed class LastEventIdTests(HostileServer server) : IClassFixture<HostileServer>
{
    public static TheoryData<string, string> OddLastEventIds() => new()
    {
        { "word", "abc" },
        { "negative", "-1" },
        { "plus sign", "+1" },
        { "padded", " 1 " },
        { "decimal", "1.0" },
        { "exponent", "1e3" },
        { "hex", "0x10" },
        { "other digits", "\u0663" },
        { "overflow", "99999999999999999999999" },
        { "largest long", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        { "4,000 digits", new string('7', 4_000) },
        { "list", "1,2" },
        { "zero", "0" },
        { "not ASCII", "\u00e9\u00e9" },
    };

    [Theory]
    [MemberData(nameof(OddLastEventIds))]
    public async Task An_odd_Last_Event_ID_is_a_clean_answer_and_the_stream_of_a_finished_job_still_ends(string kind, string value)
    {
        var failures = new List<string>();
        foreach (var id in new[] { server.FinishedJobId, server.FinishedRunId })
        {
            var path = id == server.FinishedJobId ? $"/api/jobs/{id}/events" : $"/api/runs/{id}/events";
            using var header = HostileRequest.Get(path, lastEventId: value);
            if (await server.Client.CheckAsync(header) is { } f1) failures.Add($"header: {f1}");
            using var query = HostileRequest.Get($"{path}?lastEventId={Uri.EscapeDataString(value)}");
            if (await server.Client.CheckAsync(query) is { } f2) failures.Add($"query: {f2}");
        }

        Assert.True(failures.Count == 0, $"{kind}:\n{string.Join('\n', failures)}");
        await server.AssertStillHealthyAsync();
    }
}
