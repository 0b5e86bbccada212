using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Retention;

/// <summary>Retention and deletion (issue 19 part 1): schedule, holds, the weekly runs and their certificates.</summary>
public static class RetentionServices
{
    /// <summary>The host fills RetentionOptions' mail folders (the data directory's) with a PostConfigure.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<RetentionHolds>();
        services.AddSingleton<RetentionRuns>();
        return services;
    }
}
