namespace FoiDesk.Mail;

/// <summary>Where and how to reach a mail server, and as whom.</summary>
public sealed record MailServerEndpoint
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required MailSecurity Security { get; init; }

    /// <summary>Null for an unauthenticated relay (loopback MTA).</summary>
    public MailCredentials? Credentials { get; init; }
}
