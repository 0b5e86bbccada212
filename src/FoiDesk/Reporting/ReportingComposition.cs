using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Reporting;

/// <summary>The on-time summary, the manager's dashboard and the quarterly statistics.</summary>
public static class ReportingComposition
{
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<TimelinessSummary>().AddSingleton<DashboardReport>().AddSingleton<QuarterlyStatistics>();
}
