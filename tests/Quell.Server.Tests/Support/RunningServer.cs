using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Quell.Server.Tests.Support;

/// <summary>The real server on Kestrel at a free loopback port, with a temporary data directory.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private RunningServer(WebApplication app, Uri address, string dataDirectory)
    {
        App = app;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public static async Task<RunningServer> StartAsync(Action<QuellServerOptions>? configure = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "quell-server-tests", Guid.NewGuid().ToString("N"));
        var app = QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add("http://127.0.0.1:0");
            options.DataDirectory = dataDirectory;
            options.ConfigureQuell = TestJobs.Register;
            configure?.Invoke(options);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningServer(app, new Uri(address), dataDirectory);
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalizing connection; the OS temp cleaner removes it later.
        }
    }
}

/// <summary>Small helpers over the API.</summary>
public static class Api
{
    public static async Task<JsonElement> SubmitAsync(this HttpClient client, string type, object input, int? timeoutSeconds = null, string[]? dependsOn = null)
    {
        var response = await client.PostAsJsonAsync("/api/jobs", new { type, input, timeoutSeconds, dependsOn });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetJobAsync(this HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");

    /// <summary>Polls the job until <paramref name="until"/> holds (30 s at most).</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string id, Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(RunningServer.Patience);
        while (true)
        {
            var job = await client.GetJobAsync(id);
            if (until(job)) return job;
            await Task.Delay(20, timeout.Token);
        }
    }

    public static Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, params string[] statuses) =>
        client.WaitForJobAsync(id, job => statuses.Contains(job.GetProperty("status").GetString()));

    /// <summary>Waits until the job runs and has reported progress.</summary>
    public static Task<JsonElement> WaitUntilProgressingAsync(this HttpClient client, string id) =>
        client.WaitForJobAsync(id, job =>
            job.GetProperty("status").GetString() == "running" &&
            job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object &&
            p.GetProperty("current").GetInt64() > 0);

    public static string Id(this JsonElement job) => job.GetProperty("id").GetString()!;

    public static string Status(this JsonElement job) => job.GetProperty("status").GetString()!;
}
