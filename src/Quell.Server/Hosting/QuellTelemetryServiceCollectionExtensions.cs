using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quell.Hosting;

namespace Quell.Server.Hosting;

/// <summary>
/// Quell's meter and activity source through the OpenTelemetry SDK: always a Prometheus scrape endpoint
/// (<c>/metrics</c>), and OTLP export of metrics and traces when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// exporter reads it and the other standard <c>OTEL_*</c> settings itself).
/// </summary>
internal static class QuellTelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddQuellTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("quell"))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's own meters: request durations and active requests, beside Quell's.
                metrics.AddMeter(QuellTelemetry.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        // Spans cost only when exported: without a collector there is no tracer at all.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(QuellTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }
        return services;
    }
}
