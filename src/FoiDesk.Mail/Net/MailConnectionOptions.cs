using System.Net.Security;

namespace FoiDesk.Mail.Net;

/// <summary>Settings shared by the IMAP and SMTP clients.</summary>
public sealed record MailConnectionOptions
{
    /// <summary>Upper bound for each network call (connect, one command and its response, one literal).
    /// When it expires the connection is dropped: its state is unknown and it cannot be reused.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Certificate check for TLS. Null uses the platform's chain validation; tests pass a callback
    /// that accepts their self-signed certificate.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Optional protocol log; credentials are masked before they reach it.</summary>
    public ProtocolLogger? Logger { get; init; }

    /// <summary>Clock used for timeouts and IDLE re-issue; tests may substitute it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Longest line accepted from a server, in bytes. RFC 5321 §4.5.3.1.5 allows 512 for SMTP replies;
    /// IMAP has no limit, so this bounds memory against a hostile or broken server.</summary>
    public int MaxLineLength { get; init; } = 1024 * 1024;
}
