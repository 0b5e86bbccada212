using FoiDesk.Replies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Notifications;

/// <summary>The morning reminders and their delivery as one digest email per person, through the outbox.</summary>
public static class NotificationsComposition
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "the digests' links need the absolute address staff use (FoiDesk:PublicUrl)")
            .ValidateOnStart();
        services.AddSingleton<Reminders>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new ReminderDigests(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<Outbox>(),
                DigestTemplate.Load(options.TemplatesDirectory),
                options.PublicUrl,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ReminderDigests>>());
        });
        return services;
    }
}
