using System.Text;

namespace FoiDesk.Mail.Net;

/// <summary>
/// A client-side SASL mechanism (RFC 4422) as IMAP AUTHENTICATE (RFC 9051 §6.2.2) and SMTP AUTH (RFC 4954) use it.
/// Challenges and responses are raw bytes; the protocols carry them base64-encoded.
/// </summary>
public abstract class SaslMechanism
{
    /// <summary>The registered name, as offered in AUTH= (IMAP) or the AUTH keyword (SMTP).</summary>
    public abstract string Name { get; }

    /// <summary>True when the first response can go with the command (SASL-IR, RFC 4959; RFC 4954 §4).</summary>
    public abstract bool HasInitialResponse { get; }

    /// <summary>Answers one server challenge. For mechanisms with an initial response the first call gets an
    /// empty challenge.</summary>
    public abstract byte[] Respond(ReadOnlySpan<byte> challenge);

    /// <summary>Creates the mechanism to use for <paramref name="credentials"/> from those the server offers:
    /// XOAUTH2 for tokens (fetching a current token); PLAIN, else LOGIN, for passwords. Null when none fits.</summary>
    public static async ValueTask<SaslMechanism?> ChooseAsync(MailCredentials credentials, IReadOnlyCollection<string> offered, CancellationToken ct)
    {
        bool Offers(string name) => offered.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (credentials.AccessTokenProvider is not null)
        {
            return Offers("XOAUTH2") ? new SaslXOAuth2(credentials.UserName, await credentials.AccessTokenProvider(ct)) : null;
        }

        var password = credentials.Password ?? string.Empty;
        if (Offers("PLAIN"))
        {
            return new SaslPlain(credentials.UserName, password);
        }

        return Offers("LOGIN") ? new SaslLogin(credentials.UserName, password) : null;
    }
}

/// <summary>PLAIN (RFC 4616): one message, authzid NUL authcid NUL passwd, UTF-8.</summary>
public sealed class SaslPlain(string userName, string password) : SaslMechanism
{
    public override string Name => "PLAIN";

    public override bool HasInitialResponse => true;

    public override byte[] Respond(ReadOnlySpan<byte> challenge) =>
        Encoding.UTF8.GetBytes("\0" + userName + "\0" + password);
}

/// <summary>LOGIN (draft-murchison-sasl-login): the server prompts "Username:" then "Password:"; the prompts
/// are not checked because servers word them differently.</summary>
public sealed class SaslLogin(string userName, string password) : SaslMechanism
{
    private int _step;

    public override string Name => "LOGIN";

    public override bool HasInitialResponse => false;

    public override byte[] Respond(ReadOnlySpan<byte> challenge) =>
        Encoding.UTF8.GetBytes(_step++ == 0 ? userName : password);
}

/// <summary>
/// XOAUTH2 (Google "OAuth 2.0 Mechanism", Microsoft "Authenticate an IMAP, POP or SMTP connection using OAuth"):
/// "user=" U ^A "auth=Bearer " token ^A ^A. On failure the server sends a base64 JSON error as a challenge and
/// expects an empty response before it sends the final NO / 535.
/// </summary>
public sealed class SaslXOAuth2(string userName, string accessToken) : SaslMechanism
{
    private bool _sent;

    public override string Name => "XOAUTH2";

    public override bool HasInitialResponse => true;

    public override byte[] Respond(ReadOnlySpan<byte> challenge)
    {
        if (_sent)
        {
            return [];
        }

        _sent = true;
        return Encoding.UTF8.GetBytes("user=" + userName + "\u0001auth=Bearer " + accessToken + "\u0001\u0001");
    }
}
