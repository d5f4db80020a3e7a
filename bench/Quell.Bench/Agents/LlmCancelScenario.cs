using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quell.Bench.Reporting;
using Quell.Bench.Scenarios;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Testing;

namespace Quell.Bench.Agents;

/// <summary>
/// <c>llm.generate</c> against a local OpenAI-compatible server (Kestrel on 127.0.0.1, chat-completions SSE, a chunk
/// every 20 ms), cancelled after 3-10 chunks: per cancel, the time from the cancel call to the server seeing its
/// connection closed. Issue 4's target: within 100 ms.
/// </summary>
internal static class LlmCancelScenario
{
    private const string Owner = "bench";
    private const double TargetMs = 100;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(ScenarioOptions options, int defaultCancels)
    {
        var cancels = options.Cancels ?? defaultCancels;
        Console.WriteLine($"## llm-cancel: {cancels:N0} llm.generate jobs against a local streaming server (a chunk every 20 ms), each cancelled after 3-10 chunks");
        await using var server = await StreamingChatServer.StartAsync([.. Enumerable.Range(1, 2000).Select(i => $"word{i} ")], TimeSpan.FromMilliseconds(20))
            .ConfigureAwait(false);
        var data = Path.Combine(Path.GetTempPath(), "quell-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddQuell(q => q.AddLlmGenerate().Configure(o => o.DataDirectory = data)).UseSqliteStore();
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var jobs = host.Services.GetRequiredService<IJobService>();
            var input = JsonSerializer.SerializeToElement(
                new { prompt = "Write many words.", provider = "openai", baseUrl = server.BaseUrl, model = "local-model" },
                QuellBuilder.HandlerJsonOptions);
            var closed = new Latencies();
            var accepted = new Latencies();
            var random = new Random(29);
            for (var i = 0; i < cancels + 5; i++)
            {
                var (calledAt, acceptedAt, closedAt) = await CancelOneAsync(jobs, server, input, random.Next(3, 11)).ConfigureAwait(false);
                if (i < 5) continue; // warm-up
                closed.Add(calledAt, closedAt);
                accepted.Add(calledAt, acceptedAt);
            }
            Console.WriteLine($"cancel call -> server sees the connection closed  {closed.Summary()}");
            Console.WriteLine($"cancel call -> call returned (request durable)    {accepted.Summary()}");
            var p99 = closed.Percentile(99);
            Console.WriteLine($"target    connection closed within {TargetMs} ms: p99 {p99:F3}, max {closed.Max:F3} ms -> {(closed.Max <= TargetMs ? "met in every cancel" : p99 <= TargetMs ? "met at p99" : "not met")}");
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
        Console.WriteLine();
    }

    private static async Task<(long CalledAt, long AcceptedAt, long ClosedAt)> CancelOneAsync(
        IJobService jobs, StreamingChatServer server, JsonElement input, int chunksBeforeCancel)
    {
        var request = server.ExpectNextRequest();
        var job = await jobs.SubmitAsync(new JobSubmission("llm.generate", input, Owner)).ConfigureAwait(false);
        await request.WaitForChunksAsync(chunksBeforeCancel, Limit).ConfigureAwait(false);
        var calledAt = Stopwatch.GetTimestamp();
        var outcome = await jobs.CancelAsync(job.Id, new CancelRequest(Owner, Message: "bench")).ConfigureAwait(false);
        var acceptedAt = Stopwatch.GetTimestamp();
        var closedAt = await request.Closed.Task.WaitAsync(Limit).ConfigureAwait(false);
        using var limit = new CancellationTokenSource(Limit);
        var end = await jobs.WaitForCompletionAsync(job.Id, Owner, limit.Token).ConfigureAwait(false);
        if (end?.Status != JobStatus.Cancelled) throw new InvalidOperationException($"Job {job.Id} ended {end?.Status} after cancel ({outcome.Kind}).");
        return (calledAt, acceptedAt, closedAt);
    }
}
