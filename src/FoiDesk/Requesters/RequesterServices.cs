using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Requesters;

/// <summary>Registers requester history and the repeated-request flag (issue 19 part 3) from FoiDesk:RepeatRequests, validated at start-up.</summary>
public static class RequesterServices
{
    public static IServiceCollection AddRequesterHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RepeatRequestOptions>().Bind(configuration.GetSection(RepeatRequestOptions.Section))
            .Validate(o => o.Problems().Count == 0, "FoiDesk:RepeatRequests is invalid: IntervalWorkingDays from 1 to 1000, SimilarityThreshold more than 0 and at most 1")
            .ValidateOnStart();
        services.AddSingleton<RequesterHistory>();
        services.AddSingleton<RepeatRequests>();
        return services;
    }
}
