using MailKit;
using MailKit.Security;

namespace FoiDesk.Mail;

/// <summary>Maps our settings onto MailKit's: the TLS mode and how to log in.</summary>
internal static class MailSecurityOptions
{
    public static SecureSocketOptions For(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    /// <summary>A password, or XOAUTH2 with a fresh access token (Microsoft 365 and Google refuse passwords).</summary>
    public static async Task AuthenticateAsync(IMailService client, MailCredentials credentials, CancellationToken ct)
    {
        if (credentials.AccessTokenProvider is { } provider)
        {
            var token = await provider(ct);
            await client.AuthenticateAsync(new SaslMechanismOAuth2(credentials.UserName, token), ct);
        }
        else
        {
            await client.AuthenticateAsync(credentials.UserName, credentials.Password ?? "", ct);
        }
    }
}
