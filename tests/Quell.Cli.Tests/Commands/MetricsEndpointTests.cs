using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Quell.Cli.Tests.Infrastructure;

namespace Quell.Cli.Tests.Commands;

/// <summary><c>/metrics</c> on a real <c>quell serve</c>: Prometheus text with Quell's instruments, read after a cancel.</summary>
[Collection(BigCsvCollection.Name)]
public sealed partial class MetricsEndpointTests(BigCsvFixture big) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    [ServeFact]
    public async Task After_a_cancel_the_scrape_has_the_cancel_latency_histogram_and_the_store_and_job_instruments()
    {
        await using var serve = await ServeProcess.StartAsync(_dir.File("data"));
        var id = await serve.SubmitCsvAnalyzeAsync(big.Path);
        await serve.WaitForJobAsync(id, job => job.Text("status") == "running", Generous);
        using (var cancel = await serve.Http.PostAsync($"/api/jobs/{id}/cancel", null)) Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await serve.WaitForJobAsync(id, job => job.Text("status") == "cancelled", Generous);

        // quell.jobs.active is counted in the background on the first scrape: a second one shows it.
        await serve.Http.GetStringAsync("/metrics");
        await Task.Delay(500);
        using var response = await serve.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Sample(text, "quell_cancel_latency_milliseconds_count"));
        Assert.True(Sample(text, "quell_cancel_latency_milliseconds_bucket", "le=\"30000\"") == 1, text);
        Assert.Equal(1, Sample(text, "quell_jobs_finished_total", "quell_job_status=\"cancelled\""));
        Assert.Equal(0, Sample(text, "quell_jobs_running", "quell_job_type=\"csv.analyze\""));
        Assert.Equal(0, Sample(text, "quell_jobs_active", "quell_job_status=\"pending\""));
        foreach (var operation in (string[])["submit", "claim", "cancel", "finish"])
        {
            Assert.True(Sample(text, "quell_store_duration_milliseconds_count", $"quell_store_operation=\"{operation}\"") >= 1, operation);
        }
    }

    [ServeFact]
    public async Task With_api_keys_the_scrape_needs_one()
    {
        await using var serve = await ServeProcess.StartAsync(_dir.File("data"), environment: new Dictionary<string, string> { ["QUELL_API_KEYS"] = "scrape-key=prometheus" });

        using var anonymous = await serve.Http.GetAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "scrape-key") } };
        using var keyed = await serve.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    /// <summary>The value of the first sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sample(string text, string metric, string label = "")
    {
        foreach (Match match in SampleLine().Matches(text))
        {
            if (match.Groups["name"].Value == metric && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"No sample {metric}{{…{label}…}} in:\n{text}");
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    public void Dispose() => _dir.Dispose();
}
