using FoiDesk.Mail;

namespace FoiDesk.Intake;

/// <summary>
/// The "FoiDesk:Mail" section: an IMAP mailbox and an SMTP relay. With no IMAP host the drop folder is the
/// inbox; with no SMTP host the pickup folder is the outbox (the embedded default).
/// </summary>
public sealed class MailSettings
{
    public const string Section = "FoiDesk:Mail";

    public ServerSettings Imap { get; set; } = new() { Port = 993 };

    public string ImapFolder { get; set; } = "INBOX";

    public string ImapProcessedFolder { get; set; } = "Processed";

    public ServerSettings Smtp { get; set; } = new() { Port = 587 };

    /// <summary>The address letters come from (the FOI team's mailbox).</summary>
    public string FromAddress { get; set; } = "foi@council.example";

    public string FromName { get; set; } = "Freedom of Information team";

    /// <summary>Seconds a claimed outbox entry is leased before it may be resent (a crash mid-send).</summary>
    public int OutboxLeaseSeconds { get; set; } = 300;

    public sealed class ServerSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; }

        /// <summary>SslOnConnect (993/465), StartTls (143/587), or None (loopback tests only).</summary>
        public MailSecurity Security { get; set; } = MailSecurity.StartTls;

        public string? UserName { get; set; }

        public string? Password { get; set; }

        /// <summary>An OAuth 2 access token for XOAUTH2 (Microsoft 365, Google), instead of a password.</summary>
        public string? AccessToken { get; set; }

        public bool Configured => !string.IsNullOrWhiteSpace(Host);

        public MailServerEndpoint Endpoint() => new()
        {
            Host = Host ?? throw new InvalidOperationException("no mail host configured"),
            Port = Port,
            Security = Security,
            Credentials = UserName is null ? null
                : AccessToken is not null ? MailCredentials.WithAccessToken(UserName, _ => ValueTask.FromResult(AccessToken))
                : MailCredentials.WithPassword(UserName, Password ?? ""),
        };
    }
}
