using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Jobs;
using Quell.Runtime;

namespace Quell.Hosting;

/// <summary>Configures Quell inside <c>services.AddQuell(...)</c>: job types, options, the store.</summary>
public sealed class QuellBuilder
{
    internal QuellBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for store packages that register themselves.</summary>
    public IServiceCollection Services { get; }

    internal Dictionary<string, JobTypeRegistration> JobTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The job types registered so far and their options, by type. Reading it opens nothing (unlike resolving
    /// <see cref="IJobService"/>, which opens the store), so hosts can describe the types while they are built.
    /// </summary>
    public IReadOnlyDictionary<string, JobTypeOptions> RegisteredJobTypes =>
        JobTypes.ToDictionary(entry => entry.Key, entry => entry.Value.Options, StringComparer.Ordinal);

    /// <summary>Registers a job type whose handler is resolved from DI (scoped) for every run.</summary>
    public QuellBuilder AddJob<TInput, TResult, THandler>(string type, Action<JobTypeOptions>? configure = null)
        where THandler : class, IJobHandler<TInput, TResult>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var options = new JobTypeOptions();
        configure?.Invoke(options);
        if (options.MaxConcurrency is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.MaxConcurrency,
                $"Job type '{type}': MaxConcurrency must be at least 1, or null to share the node's slots.");
        }
        options.InputType = typeof(TInput);
        Services.AddScoped<THandler>();
        JobTypes[type] = JobTypeRegistration.Create<TInput, TResult, THandler>(type, options);
        return this;
    }

    /// <summary>Changes runtime options.</summary>
    public QuellBuilder Configure(Action<QuellOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>JSON options for job inputs and results (Web defaults).</summary>
    public static JsonSerializerOptions HandlerJsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
