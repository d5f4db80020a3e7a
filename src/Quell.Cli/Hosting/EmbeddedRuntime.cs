using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quell.Csv;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Storage;

namespace Quell.Cli.Hosting;

/// <summary>
/// The Quell runtime inside the CLI process, on the SQLite store of a data directory. Started, it runs jobs
/// (<c>analyze-csv</c>); not started, it only reads and writes the store (<c>jobs --data</c>) and leaves jobs that
/// a server runs alone.
/// </summary>
internal sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private EmbeddedRuntime(IHost host) => _host = host;

    public IJobService Jobs => _host.Services.GetRequiredService<IJobService>();

    public IJobStore Store => _host.Services.GetRequiredService<IJobStore>();

    /// <summary>The host's services, for surfaces served from the same container (<c>quell mcp</c>).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Opens the store now, so that a data directory another process holds (the SQLite store allows one process
    /// per directory) is reported as such, with what to do instead.
    /// </summary>
    public void OpenStore()
    {
        try
        {
            _ = Store;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("in use", StringComparison.Ordinal))
        {
            throw new CliException($"{e.Message} To reach the jobs of a running quell serve, use --server URL.");
        }
    }

    /// <summary>A runtime over the data directory.</summary>
    /// <param name="dataDirectory">The data directory whose store is opened.</param>
    /// <param name="configure">Adds services (and logging) to the host after the runtime's own.</param>
    /// <param name="readOnly">Only read the store, which works beside a running server.</param>
    public static EmbeddedRuntime Create(string dataDirectory, Action<HostApplicationBuilder>? configure = null, bool readOnly = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // Quell__* variables tune the runtime (lease duration, shutdown timeout), as they do for quell serve.
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        // The CLI handles Ctrl+C itself (cancel the job first); the host must not stop on its own.
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddQuell(quell => quell.AddJobTypes().UseDataDirectory(dataDirectory, readOnly));
        // Every path is the local user's own unless Quell:Csv:AllowedRoots says otherwise (say, for an MCP agent).
        builder.Services.AddOptions<CsvAnalyzeOptions>().BindConfiguration(CsvAnalyzeOptions.SectionName);
        configure?.Invoke(builder);
        return new EmbeddedRuntime(builder.Build());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        OpenStore();
        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        _started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
