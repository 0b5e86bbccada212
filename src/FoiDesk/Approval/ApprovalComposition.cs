using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Approval;

/// <summary>Approving or returning a case's answers before the response is sent.</summary>
public static class ApprovalComposition
{
    public static IServiceCollection AddApproval(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<ApprovalService>();
}
