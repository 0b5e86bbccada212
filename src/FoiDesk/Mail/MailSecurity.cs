namespace FoiDesk.Mail;

/// <summary>How a client secures its connection.</summary>
public enum MailSecurity
{
    /// <summary>Clear text throughout. Only for loopback tests and trusted relays.</summary>
    None,

    /// <summary>TLS from the first byte (RFC 8314 implicit TLS: IMAP 993, SMTP submissions 465).</summary>
    SslOnConnect,

    /// <summary>Clear-text greeting, then STARTTLS before anything else; fails if the server does not offer it
    /// (RFC 3207 for SMTP on 587, RFC 9051 §6.2.1 for IMAP on 143).</summary>
    StartTls,

    /// <summary>STARTTLS when offered, clear text otherwise (open to downgrade; for internal relays only).</summary>
    StartTlsWhenAvailable,
}
