using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Calendar;
using FoiDesk.Reporting;
using FoiDesk.Search;

namespace FoiDesk.Web.Hosting;

/// <summary>Approval, manager reporting, calendar feeds, search, the audit reader and account administration.</summary>
public static class ManagerServices
{
    /// <summary>Search: officers and managers see every case; commissioners only theirs (scoped by the query).</summary>
    public const string SearchPolicy = "search";

    public static IServiceCollection AddManagerCapabilities(this IServiceCollection services)
    {
        services.AddSingleton<DashboardReport>();
        services.AddSingleton<QuarterlyStatistics>();
        services.AddSingleton<CalendarTokens>();
        services.AddSingleton<DeadlineFeed>();
        services.AddSingleton<CaseSearch>();
        services.AddSingleton<AuditReader>();
        services.AddSingleton<AccountAdmin>();
        services.AddAuthorizationBuilder().AddPolicy(SearchPolicy, p => p.RequireRole(Roles.IgOfficer, Roles.Manager, Roles.Commissioner));
        return services;
    }
}
