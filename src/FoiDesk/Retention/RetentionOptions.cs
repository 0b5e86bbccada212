namespace FoiDesk.Retention;

/// <summary>FoiDesk:Retention. By default an admin confirms each weekly list; AutoDelete deletes without waiting.</summary>
public sealed class RetentionOptions
{
    public const string Section = "FoiDesk:Retention";

    /// <summary>Delete the weekly list at once, confirmed by "retention-job" on the certificate.</summary>
    public bool AutoDelete { get; set; }

    /// <summary>Where the drop-folder inbox moves processed mail and the pickup-folder outbox writes letters (set by the host).</summary>
    public string? ProcessedMailDirectory { get; set; }

    public string? OutboxDirectory { get; set; }
}
