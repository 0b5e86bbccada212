namespace FoiDesk.SocialValue.Sync;

/// <summary>
/// FoiDesk:SocialValueSync: the scheduled import from the monitoring platform's API. Off unless both the
/// address and the token are set.
/// </summary>
public sealed class MonitoringPlatformSyncOptions
{
    public const string Section = "FoiDesk:SocialValueSync";

    /// <summary>The API's base address, e.g. https://sv.example.net/ (docs/social-value-api.md).</summary>
    public string? BaseAddress { get; set; }

    public string? BearerToken { get; set; }

    /// <summary>When to sync, read in Europe/London; nightly at 02:00 by default.</summary>
    public string Cron { get; set; } = "0 2 * * *";

    public int PageSize { get; set; } = 500;

    public bool Configured => !string.IsNullOrWhiteSpace(BaseAddress) && !string.IsNullOrWhiteSpace(BearerToken);
}
