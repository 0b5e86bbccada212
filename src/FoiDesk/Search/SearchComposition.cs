using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Search;

/// <summary>Case search (scoped to the caller's cases by the query itself).</summary>
public static class SearchComposition
{
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<CaseSearch>();
}
