namespace FoiDesk.Mail;

/// <summary>
/// A mailbox login: a password, or an OAuth 2.0 access-token source for XOAUTH2 (Microsoft 365 and Google
/// no longer accept passwords for IMAP/SMTP).
/// </summary>
public sealed record MailCredentials
{
    public required string UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Returns a current access token; called once per authentication so it can refresh.</summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; init; }

    public static MailCredentials WithPassword(string userName, string password) =>
        new() { UserName = userName, Password = password };

    public static MailCredentials WithAccessToken(string userName, Func<CancellationToken, ValueTask<string>> provider) =>
        new() { UserName = userName, AccessTokenProvider = provider };

    // Keep the password out of records' generated ToString (it ends up in logs).
    public override string ToString() => $"MailCredentials {{ UserName = {UserName} }}";
}
