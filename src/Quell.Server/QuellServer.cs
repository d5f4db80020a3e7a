using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Quell.Server.Auth;
using Quell.Server.Hosting;
using Quell.Server.Security;

namespace Quell.Server;

/// <summary>Builds the Quell HTTP server: REST + SSE over the job runtime, API keys, OpenAPI, <c>/healthz</c>.</summary>
public static class QuellServer
{
    /// <summary>
    /// Builds the server. Configuration (command line, environment, appsettings) is read first; then
    /// <paramref name="configure"/> may change the options, including the job types to register.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An address beyond loopback is configured without API keys, or the keys are malformed.
    /// </exception>
    public static WebApplication Build(string[] args, Action<QuellServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // One line per request at Information drowns the job logs; configuration can still turn it back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var options = ReadOptions(builder.Configuration);
        configure?.Invoke(options);
        if (options.Urls.Count == 0) options.Urls.Add(QuellServerOptions.DefaultUrl);

        var addresses = options.Urls.Concat(KestrelEndpointUrls(builder.Configuration)).ToList();
        LoopbackGuard.EnsureSafe(addresses, options.ApiKeys.Count > 0);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Services.AddQuellServer(options, loopbackOnly: addresses.All(LoopbackGuard.IsLoopback));
        builder.Services.AddQuellTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseQuellServer();
        return app;
    }

    private static QuellServerOptions ReadOptions(ConfigurationManager configuration)
    {
        var options = new QuellServerOptions
        {
            DataDirectory = configuration["Quell:DataDirectory"],
            Store = ParseStore(configuration["Quell:Store"]),
            ConnectionString = configuration.GetConnectionString("Quell"),
        };
        foreach (var url in (configuration[WebHostDefaults.ServerUrlsKey] ?? "")
                     .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.Urls.Add(url);
        }
        foreach (var key in ApiKeyConfiguration.Read(configuration))
        {
            options.ApiKeys.Add(key);
        }
        foreach (var host in ConfigurationLists.Read(configuration, "Quell:AllowedHosts")) options.RequestSources.AllowedHosts.Add(host);
        foreach (var origin in ConfigurationLists.Read(configuration, "Quell:AllowedOrigins")) options.RequestSources.AllowedOrigins.Add(origin);
        return options;
    }

    /// <summary>Reads a store name (<c>sqlite</c>, <c>postgres</c>, any case); null or empty is the default, SQLite.</summary>
    /// <exception cref="InvalidOperationException">The name is neither.</exception>
    public static QuellStoreKind ParseStore(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => QuellStoreKind.Sqlite,
        "POSTGRES" or "POSTGRESQL" => QuellStoreKind.Postgres,
        _ => throw new InvalidOperationException($"Unknown Quell store '{name}': use sqlite (the default) or postgres."),
    };

    // Kestrel endpoints from configuration bind in addition to (in fact instead of) the URLs; guard them too.
    private static IEnumerable<string> KestrelEndpointUrls(ConfigurationManager configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>();
}
