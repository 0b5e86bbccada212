using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Audit;

/// <summary>The audit log's writer and reader.</summary>
public static class AuditComposition
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<AuditLog>().AddSingleton<AuditReader>();
}
