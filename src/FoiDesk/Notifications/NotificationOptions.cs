namespace FoiDesk.Notifications;

/// <summary>Where the digests' links point and where their template is read from.</summary>
public sealed class NotificationOptions
{
    /// <summary>The absolute address staff open FoiDesk at; the host sets it (FoiDesk:PublicUrl, else its own URL).</summary>
    public string PublicUrl { get; set; } = "";

    public string TemplatesDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "templates");
}
