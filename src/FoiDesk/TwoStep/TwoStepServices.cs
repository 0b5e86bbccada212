using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.TwoStep;

/// <summary>Registers two-step verification (issue 16). Needs Data Protection, which the web host's sign-in registers.</summary>
public static class TwoStepServices
{
    public static IServiceCollection AddTwoStep(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<TwoStepVerification>();
        services.AddSingleton<TwoStepPolicy>();
        return services;
    }
}
