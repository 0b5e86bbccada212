using FoiDesk.Accounts;

namespace FoiDesk.Web.Hosting;

/// <summary>The web's search policy (the services behind the manager pages are registered by their capabilities).</summary>
public static class ManagerServices
{
    /// <summary>Search: officers and managers see every case; commissioners only theirs (scoped by the query).</summary>
    public const string SearchPolicy = "search";

    public static IServiceCollection AddSearchPolicy(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(SearchPolicy, p => p.RequireRole(Roles.IgOfficer, Roles.Manager, Roles.Commissioner));
        return services;
    }
}
