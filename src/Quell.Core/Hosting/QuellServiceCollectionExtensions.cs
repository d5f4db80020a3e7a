using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quell.Events;
using Quell.Jobs;
using Quell.Runtime;

namespace Quell.Hosting;

/// <summary>Adds Quell to a service collection.</summary>
public static class QuellServiceCollectionExtensions
{
    /// <summary>
    /// Adds the job runtime (service, workers, event bus). Register job types and a store on the builder:
    /// <c>services.AddQuell(q => q.AddCsvAnalyze()).UseSqliteStore()</c>.
    /// </summary>
    public static QuellBuilder AddQuell(this IServiceCollection services, Action<QuellBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new QuellBuilder(services);
        services.AddOptions<QuellOptions>().BindConfiguration(QuellOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJobEventBus, InProcessJobEventBus>();
        services.AddSingleton(builder);
        services.AddSingleton<ActiveJobs>();
        services.AddSingleton<JobService>();
        services.AddSingleton<IJobService>(sp => sp.GetRequiredService<JobService>());
        services.AddSingleton<ProgressPump>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<JobRecovery>();
        services.AddHostedService<JobWorker>();
        services.AddMetrics();
        services.AddHostedService<JobStateGauge>();
        // The host must wait at least as long as Quell does for jobs to stop, plus time to record them.
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<QuellOptions>>((host, quell) =>
        {
            var needed = quell.Value.ShutdownTimeout + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });
        configure?.Invoke(builder);
        return builder;
    }
}
