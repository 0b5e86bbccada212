using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Cases;

public static class CaseWorkflowServices
{
    /// <summary>The case workflow, with the capability that queues its letters (Replies.CaseLetters, which must be registered too).</summary>
    public static IServiceCollection AddCaseWorkflow<TOutbox>(this IServiceCollection services)
        where TOutbox : class, ICaseOutbox
    {
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<ICaseOutbox>(sp => sp.GetRequiredService<TOutbox>());
        return services;
    }
}
