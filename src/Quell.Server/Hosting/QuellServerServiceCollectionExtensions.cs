using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quell.Csv;
using Quell.Hosting;
using ModelContextProtocol.AspNetCore;
using Quell.Mcp.Hosting;
using Quell.Server.Auth;
using Quell.Server.Errors;
using Quell.Server.Security;
using Quell.Server.Serialization;
using Quell.Storage;

namespace Quell.Server.Hosting;

/// <summary>Registers the server's services and the Quell runtime.</summary>
internal static class QuellServerServiceCollectionExtensions
{
    public static IServiceCollection AddQuellServer(this IServiceCollection services, QuellServerOptions options, bool loopbackOnly)
    {
        services.AddSingleton(options);
        services.AddSingleton(new RequestSourcePolicy(options.RequestSources, loopbackOnly));
        if (options.RequestSources.AllowedOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => CorsPolicy.Configure(policy, options.RequestSources.AllowedOrigins)));
        }
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            context.ProblemDetails.Detail ??= BareStatusDetail.For(context.HttpContext);
        });
        services.AddExceptionHandler<QuellExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));
        // Binding failures throw BadHttpRequestException, which the exception handler turns into problem details.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Quell";
            document.Info.Description = "Cancellable, observable long-running jobs.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks();

        services.AddSingleton(new ApiKeyRing(options.ApiKeys));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.AddQuell(quell =>
        {
            if (options.DataDirectory is { } directory) quell.Configure(runtime => runtime.DataDirectory = directory);
            quell.AddCsvAnalyze();
            quell.AddWorkflows();
            options.ConfigureQuell?.Invoke(quell);
            // The embedded store is the default; a callback that registered another store keeps it.
            if (!quell.Services.Any(service => service.ServiceType == typeof(IJobStore)))
            {
                UseConfiguredStore(quell, options);
            }
        });
        services.AddQuellMcpServer().WithHttpTransport(http =>
        {
            // The SDK (2.3.1) serves statelessly by default, after the 2026-07-28 draft. Then each POST gets its own
            // server: notifications/cancelled never reaches the call it names, logging/setLevel is forgotten at
            // once, and a "session" ends with every request. Clients of 2025-11-25 (initialize) get real sessions.
            http.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
            // A deleted or expired session cancels the jobs its client left running ("client disconnected").
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental; it is the SDK's only hook at the end of a session.
            http.RunSessionHandler = (_, session, cancellationToken) => QuellMcpSessions.RunAsync(session, cancellationToken);
#pragma warning restore MCPEXP002
        }).WithWorkflowTools();
        services.AddHostedService<WorkflowSamplesLoader>();
        services.AddOptions<CsvAnalyzeOptions>().BindConfiguration(CsvAnalyzeOptions.SectionName)
            .Configure<IOptions<QuellOptions>>((csv, runtime) =>
            {
                foreach (var root in options.CsvAllowedRoots) csv.AllowedRoots.Add(root);
                if (csv.AllowedRoots.Count > 0) return;
                csv.AllowedRoots.Add(Directory.GetCurrentDirectory());
                csv.AllowedRoots.Add(runtime.Value.DataDirectory);
            });
        return services;
    }

    private static void UseConfiguredStore(QuellBuilder quell, QuellServerOptions options)
    {
        if (options.Store == QuellStoreKind.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "The PostgreSQL store needs a connection string: --connection \"Host=…;Database=…\" or ConnectionStrings:Quell " +
                    "(environment: ConnectionStrings__Quell).");
            }
            quell.UsePostgresStore(options.ConnectionString);
            return;
        }
        quell.UseSqliteStore();
    }
}
