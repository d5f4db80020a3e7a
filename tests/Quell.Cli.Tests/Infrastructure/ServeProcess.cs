using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>A running <c>quell serve</c> on a free loopback port, and an HTTP client for it.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private ServeProcess(Process process, Uri url)
    {
        Process = process;
        Output = new ProcessOutput(process);
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Process Process { get; }

    public ProcessOutput Output { get; }

    public HttpClient Http { get; }

    public static async Task<ServeProcess> StartAsync(
        string dataDirectory, int? port = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? arguments = null, string? workingDirectory = null)
    {
        var url = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var info = Quell.StartInfo(["serve", "--urls", url.ToString().TrimEnd('/'), "--data", dataDirectory, .. arguments ?? []]);
        // Short leases so a job left by a killed server is recovered within seconds, not the default 30 s.
        info.Environment["Quell__LeaseDuration"] = "00:00:03";
        // The tests' CSV files live in the temp directory, outside the server's default roots.
        info.Environment["Quell__Csv__AllowedRoots__0"] = Path.GetTempPath();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        var serve = new ServeProcess(Process.Start(info)!, url);
        await serve.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return serve;
    }

    /// <summary>
    /// A cluster node: <c>quell serve</c> on the PostgreSQL store at <paramref name="connectionString"/>, named
    /// <paramref name="nodeId"/>, with any further settings (environment variables such as <c>Quell__LeaseDuration</c>).
    /// </summary>
    public static Task<ServeProcess> StartNodeAsync(
        string dataDirectory, string connectionString, string nodeId,
        IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null)
    {
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Quell__NodeId"] = nodeId };
        return StartAsync(dataDirectory, environment: environment,
            arguments: ["--store", "postgres", "--connection", connectionString], workingDirectory: workingDirectory);
    }

    public int Port => Http.BaseAddress!.Port;

    public async Task<string> SubmitCsvAnalyzeAsync(string path)
    {
        var body = JsonSerializer.Serialize(new { type = "csv.analyze", input = new { paths = new[] { path } } });
        using var response = await Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Submit failed: {(int)response.StatusCode} {text}");
        return Json.Parse(text).Text("id");
    }

    /// <summary>Submits up to 1,000 jobs in one <c>POST /api/jobs:batch</c>; every one must be accepted.</summary>
    public async Task<string[]> SubmitBatchAsync(IReadOnlyList<object> jobs)
    {
        var body = JsonSerializer.Serialize(new { jobs });
        using var response = await Http.PostAsync("/api/jobs:batch", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Batch submit failed: {(int)response.StatusCode} {text}");
        var answer = Json.Parse(text);
        if (answer.Long("accepted") != jobs.Count) throw new InvalidOperationException($"Batch submit refused some jobs: {text}");
        return [.. answer.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("job").Text("id"))];
    }

    public async Task<JsonElement> GetJobAsync(string id) =>
        Json.Parse(await Http.GetStringAsync($"/api/jobs/{id}"));

    /// <summary>Polls the job until <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement job = default;
        while (DateTime.UtcNow < deadline)
        {
            job = await GetJobAsync(id);
            if (condition(job)) return job;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Job {id} never reached the expected state; last seen: {job}. The server's last lines:\n{Output.Tail()}");
    }

    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", $"-TERM {Process.Id}")!;
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"quell serve never became healthy. Its last lines:\n{Output.Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
        Http.Dispose();
        Process.Dispose();
    }
}
