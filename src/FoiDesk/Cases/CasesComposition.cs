using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Cases;

/// <summary>Cases, their questions, triage, teams and answers: the same for the pages, the API and the CLI.</summary>
public static class CasesComposition
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddSingleton<CaseStore>()
            .AddSingleton<CaseClock>()
            .AddSingleton<QuestionTargets>()
            .AddSingleton<Triage>()
            .AddSingleton<Teams>()
            .AddSingleton<CaseList>()
            .AddSingleton<QuestionWork>()
            .AddSingleton<Answers>();
}
