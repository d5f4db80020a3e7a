using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quell.Events;

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
        configure?.Invoke(builder);
        return builder;
    }
}
