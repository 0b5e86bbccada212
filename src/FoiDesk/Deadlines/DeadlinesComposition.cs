using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Deadlines;

/// <summary>The holiday table in force (stored additions, the GOV.UK refresh) and the internal targets' settings.</summary>
public static class DeadlinesComposition
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HolidayStore>();
        services.AddSingleton<HolidayAdmin>();
        services.AddOptions<HolidayRefreshOptions>().Bind(configuration.GetSection(HolidayRefreshOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.RefreshUrl) || Uri.TryCreate(o.RefreshUrl, UriKind.Absolute, out _),
                "FoiDesk:Holidays:RefreshUrl must be an absolute URL (or unset)")
            .ValidateOnStart();
        services.AddHttpClient<HolidayRefresh>(http => http.Timeout = TimeSpan.FromSeconds(30));
        // The authority's own targets: a draft after at least one working day, escalation inside the 20 working days.
        services.AddOptions<InternalTargetOptions>().Bind(configuration.GetSection("FoiDesk:Deadlines"))
            .Validate(o => o.DraftWorkingDays is >= 1 and <= 40, "FoiDesk:Deadlines:DraftWorkingDays must be 1 to 40")
            .Validate(o => o.EscalationWorkingDaysBefore is >= 0 and < 20, "FoiDesk:Deadlines:EscalationWorkingDaysBefore must be 0 to 19")
            .ValidateOnStart();
        return services;
    }
}
