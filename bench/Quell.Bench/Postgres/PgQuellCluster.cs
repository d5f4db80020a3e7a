using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quell.Bench.Quell;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Bench.Postgres;

/// <summary>
/// N Quell nodes in this process, each a Generic Host with its own node id, writer and listening connection, on
/// one fresh schema of the bench's PostgreSQL. Handlers of every node share one <see cref="BenchProbe"/>; only
/// node 0's bus feeds its terminal counters, so a terminal event counts once, when node 0 has published it.
/// </summary>
internal sealed class PgQuellCluster : IAsyncDisposable
{
    private static readonly JsonElement EmptyInput = JsonSerializer.SerializeToElement(new { });

    private readonly IHost[] _hosts;
    private readonly string _connectionString;
    private readonly string _schema;

    private PgQuellCluster(IHost[] hosts, string connectionString, string schema, BenchProbe probe, RunningOn runningOn)
    {
        _hosts = hosts;
        _connectionString = connectionString;
        _schema = schema;
        Probe = probe;
        RunningOn = runningOn;
        Jobs = [.. hosts.Select(h => h.Services.GetRequiredService<IJobService>())];
    }

    public BenchProbe Probe { get; }

    public RunningOn RunningOn { get; }

    /// <summary>Each node's job service, by node index.</summary>
    public IJobService[] Jobs { get; }

    public static async Task<PgQuellCluster> StartAsync(string connectionString, int nodes, int maxConcurrency)
    {
        var schema = "bench_quell_" + Guid.NewGuid().ToString("N")[..8];
        var probe = new BenchProbe();
        var runningOn = new RunningOn();
        var hosts = new IHost[nodes];
        for (var n = 0; n < nodes; n++)
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddSingleton(probe);
            builder.Services.AddSingleton(runningOn);
            builder.Services.AddSingleton(new NodeTag(n));
            if (n == 0) builder.Services.AddSingleton<Events.IJobEventBus>(new ProbeEventBus(probe));
            var index = n;
            builder.Services.AddQuell(q => q.AddBenchJobs()
                .AddJob<BenchInput, int, TaggedAwaitCancelJob>(TaggedAwaitCancelJob.Type)
                .Configure(o =>
                {
                    o.DataDirectory = Path.Combine(Path.GetTempPath(), "quell-bench", schema);
                    o.NodeId = $"bench-node-{index}";
                    o.MaxConcurrency = maxConcurrency;
                    o.ShutdownTimeout = TimeSpan.FromSeconds(10);
                    o.ShutdownNoticePeriod = TimeSpan.Zero;
                })).UsePostgresStore(connectionString, store => store.Schema = schema);
            hosts[n] = builder.Build();
            // One at a time: the first creates the schema (the migrator's advisory lock makes parallel starts safe too).
            await hosts[n].StartAsync().ConfigureAwait(false);
        }
        return new PgQuellCluster(hosts, connectionString, schema, probe, runningOn);
    }

    public Task<JobRecord> SubmitAsync(int node, string type) =>
        Jobs[node].SubmitAsync(new JobSubmission(type, EmptyInput, "bench"));

    /// <summary>Submits <paramref name="count"/> jobs from <paramref name="submitters"/> callers, spread over the nodes in turn.</summary>
    public async Task<string[]> SubmitManyAsync(string type, int count, int submitters)
    {
        var ids = new string[count];
        var next = -1;
        var callers = Enumerable.Range(0, Math.Max(1, submitters)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) ids[i] = (await SubmitAsync(i % _hosts.Length, type).ConfigureAwait(false)).Id;
        });
        await Task.WhenAll(callers).ConfigureAwait(false);
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_hosts.Select(h => h.StopAsync())).ConfigureAwait(false);
        foreach (var host in _hosts)
        {
            if (host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync().ConfigureAwait(false);
            else host.Dispose();
        }
        await PgSchemas.DropAsync(_connectionString, _schema).ConfigureAwait(false);
    }
}

/// <summary>Drops a bench schema when its run is over, so runs do not slow each other down.</summary>
internal static class PgSchemas
{
    public static async Task DropAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
