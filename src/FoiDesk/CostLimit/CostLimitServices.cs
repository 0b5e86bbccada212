using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FoiDesk.CostLimit;

/// <summary>Registers the cost limit capability (issue 19 part 2) from FoiDesk:CostLimit, validated at start-up.</summary>
public static class CostLimitServices
{
    public static IServiceCollection AddCostLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CostLimitOptions>().Bind(configuration.GetSection(CostLimitOptions.Section))
            .Validate(o => o.Problems().Count == 0, "FoiDesk:CostLimit is invalid: hours and rate must be more than 0 and at most 1000, Authority LocalAuthority or CentralGovernment")
            .ValidateOnStart();
        services.AddSingleton<CostEstimates>();
        services.AddSingleton<Aggregation>();
        return services;
    }
}
