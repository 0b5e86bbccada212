using FoiDesk.Operations;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics, exported by OTLP to FoiDesk:Telemetry:OtlpEndpoint; off (nothing
/// registered, nothing sent) when that is unset. Traces: requests, outgoing HTTP, database commands, job runs.
/// Metrics: FoiDesk's own (<see cref="FoiDeskMetrics"/>), ASP.NET Core's, HTTP clients' and Npgsql's.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "FoiDesk:Telemetry:OtlpEndpoint";

    public static void AddFoiDeskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        var otlp = new Uri(endpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("FoiDesk", serviceInstanceId: Jobs.JobRunner.Instance))
            .WithTracing(t => t
                .AddSource(FoiDeskMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(m => m
                .AddMeter(FoiDeskMetrics.Name, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
    }
}
