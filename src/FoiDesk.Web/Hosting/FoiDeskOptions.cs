namespace FoiDesk.Web.Hosting;

/// <summary>The "FoiDesk" configuration section (environment: FoiDesk__Name).</summary>
public sealed class FoiDeskOptions
{
    public const string Section = "FoiDesk";

    /// <summary>Where the embedded cluster, the drop-folder inbox and the pickup outbox live.</summary>
    public string DataDirectory { get; set; } = "./.foidesk";

    /// <summary>Seconds between heartbeat firings (health reports the scheduler down after three missed).</summary>
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>Seconds between polls of the inbox (drop folder or IMAP).</summary>
    public int IntakePollSeconds { get; set; } = 15;

    /// <summary>Seed the demo data on the first start of an empty database. Off unless configured: ops/run turns it on.</summary>
    public bool DemoData { get; set; }

    /// <summary>The folder holding migrations/*.sql; defaults to the one shipped beside the binary.</summary>
    public string? MigrationsDirectory { get; set; }

    /// <summary>FoiDesk:Holidays: the GOV.UK refresh URL (off by default), read here to decide whether to schedule the job.</summary>
    public FoiDesk.Deadlines.HolidayRefreshOptions Holidays { get; set; } = new();

    /// <summary>FoiDesk:SocialValueSync: the monitoring platform's API (off by default), read here to decide whether to schedule the sync.</summary>
    public FoiDesk.SocialValue.Sync.MonitoringPlatformSyncOptions SocialValueSync { get; set; } = new();

    /// <summary>
    /// The address staff open FoiDesk at (https://foi.council.example), for links in the emails it sends them.
    /// Unset: the first address it listens on (the urls setting, else <see cref="WebHost.DefaultUrl"/>), with a
    /// wildcard host (*, +, 0.0.0.0) read as localhost. Set it whenever FoiDesk sits behind a proxy.
    /// </summary>
    public string? PublicUrl { get; set; }

    public string ResolvedPublicUrl(string? urls)
    {
        if (!string.IsNullOrWhiteSpace(PublicUrl))
        {
            return PublicUrl.TrimEnd('/');
        }

        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? WebHost.DefaultUrl;
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedMigrationsDirectory => MigrationsDirectory ?? Path.Combine(AppContext.BaseDirectory, "migrations");

    public string InboxDirectory => Path.Combine(FullDataDirectory, "mail", "inbox");

    public string ProcessedDirectory => Path.Combine(FullDataDirectory, "mail", "processed");

    public string OutboxDirectory => Path.Combine(FullDataDirectory, "mail", "outbox");
}
