using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Intake;

/// <summary>
/// Reading requests in: the processor, the runner, the holding pen. Which inbox (IMAP or a drop folder) is the
/// host's choice, made from its data directory, so the host registers <see cref="IMailSource"/>.
/// </summary>
public static class IntakeComposition
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.Section))
            .Validate(o => o.PollSeconds >= 1, "FoiDesk:Intake:PollSeconds must be at least 1")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ReferencePattern), "FoiDesk:Intake:ReferencePattern must be set")
            .ValidateOnStart();
        services.AddOptions<MailSettings>().Bind(configuration.GetSection(MailSettings.Section))
            .Validate(o => o.OutboxLeaseSeconds >= 1, "the outbox lease (OutboxLeaseSeconds) must be at least 1 second")
            .Validate(o => !string.IsNullOrWhiteSpace(o.FromAddress), "the From address (FromAddress) must be set")
            .ValidateOnStart();
        services.AddSingleton<IntakeProcessor>();
        services.AddSingleton<IntakeRunner>();
        services.AddSingleton<MailboxState>();
        services.AddSingleton<HoldingPen>();
        services.AddSingleton<SimilarQuestions>();
        return services;
    }
}
