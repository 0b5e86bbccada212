using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Replies;

/// <summary>
/// Letters. The outbox and its sender are wired by the host with the mail transport it chooses (an SMTP relay or
/// its pickup folder) and the mail settings Intake owns, which Replies must not depend on (Intake uses Replies).
/// </summary>
public static class RepliesComposition
{
    public static IServiceCollection AddReplies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthorityOptions>().Bind(configuration.GetSection(AuthorityOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && !string.IsNullOrWhiteSpace(o.FoiEmail), "the authority's name and FOI email (FoiDesk:Authority) must be set: every letter carries them")
            .ValidateOnStart();
        services.AddSingleton(_ => new LetterRenderer(LetterTemplateLibrary.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "templates"))));
        services.AddSingleton<LetterWording>();
        services.AddSingleton<CaseLetters>();
        services.AddSingleton<ReplyAttachments>();
        return services;
    }
}
