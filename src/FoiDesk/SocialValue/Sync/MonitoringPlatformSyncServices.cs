using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FoiDesk.SocialValue.Sync;

/// <summary>Registers the monitoring platform client and its sync job from FoiDesk:SocialValueSync.</summary>
public static class MonitoringPlatformSyncServices
{
    public static IServiceCollection AddMonitoringPlatformSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringPlatformSyncOptions>().Bind(configuration.GetSection(MonitoringPlatformSyncOptions.Section));
        services.AddHttpClient(nameof(MonitoringPlatformClient), http => http.Timeout = TimeSpan.FromSeconds(60));
        services.AddTransient(sp =>
        {
            var sync = sp.GetRequiredService<IOptions<MonitoringPlatformSyncOptions>>().Value;
            if (!sync.Configured)
            {
                throw new Operations.PermanentJobFailureException($"{MonitoringPlatformSyncOptions.Section}:BaseAddress and BearerToken are not configured");
            }

            return new MonitoringPlatformClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(MonitoringPlatformClient)),
                new MonitoringPlatformOptions { BaseAddress = new Uri(sync.BaseAddress!.TrimEnd('/') + "/"), BearerToken = sync.BearerToken!, PageSize = sync.PageSize },
                sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
