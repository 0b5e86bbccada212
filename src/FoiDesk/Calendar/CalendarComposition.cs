using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Calendar;

/// <summary>Personal calendar feeds of due dates.</summary>
public static class CalendarComposition
{
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<CalendarTokens>().AddSingleton<DeadlineFeed>();
}
