using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Ico;

/// <summary>When the ICO asks (issue 19 part 4): complaints and their dates, and the evidence bundle.</summary>
public static class IcoServices
{
    public static IServiceCollection AddIco(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IcoComplaints>();
        services.AddSingleton<EvidenceBundle>();
        return services;
    }
}
