using System.Net.Security;

namespace FoiDesk.Mail;

/// <summary>Settings shared by the IMAP and SMTP adapters (MailKit's clients underneath).</summary>
public sealed record MailConnectionOptions
{
    /// <summary>Upper bound for each network call (MailKit's client Timeout). When it expires the connection is
    /// dropped: its state is unknown and it cannot be reused.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Certificate check for TLS. Null uses the platform's chain validation; tests pass a callback
    /// that accepts their self-signed certificate.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }
}
