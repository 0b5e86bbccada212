using FoiDesk.Deadlines;
using FoiDesk.Notifications;
using FoiDesk.Replies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>The delivery of the morning reminders as one digest email per person, through the outbox.</summary>
public static class ReminderServices
{
    public static IServiceCollection AddReminderDigests(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(sp => new ReminderDigests(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<Outbox>(),
            DigestTemplate.Load(Path.Combine(AppContext.BaseDirectory, "templates")),
            // Links in the digest go to the case and question pages at the address staff use.
            sp.GetRequiredService<IOptions<FoiDeskOptions>>().Value.ResolvedPublicUrl(configuration["urls"] ?? configuration["ASPNETCORE_URLS"]),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReminderDigests>>()));
}
