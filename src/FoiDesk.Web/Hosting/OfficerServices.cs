using FoiDesk.Cases;

namespace FoiDesk.Web.Hosting;

/// <summary>Services behind the officer and commissioner pages (triage, questions, teams, answers).</summary>
public static class OfficerServices
{
    public static IServiceCollection AddOfficerPages(this IServiceCollection services)
    {
        services.AddSingleton<Triage>();
        services.AddSingleton<Teams>();
        services.AddSingleton<CaseList>();
        services.AddSingleton<QuestionWork>();
        services.AddSingleton<Answers>();
        return services;
    }
}
