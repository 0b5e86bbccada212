namespace FoiDesk.Mail.Imap;

/// <summary>
/// What the server announced in CAPABILITY (RFC 9051 §7.2.2), upper-cased. Capabilities must be discarded after
/// STARTTLS and after authentication, so the client replaces this object rather than amending it.
/// </summary>
public sealed class ImapCapabilities
{
    private readonly HashSet<string> _all;

    public ImapCapabilities(IEnumerable<string> atoms)
    {
        _all = new HashSet<string>(atoms.Select(a => a.ToUpperInvariant()), StringComparer.Ordinal);
        AuthenticationMechanisms = _all
            .Where(a => a.StartsWith("AUTH=", StringComparison.Ordinal))
            .Select(a => a["AUTH=".Length..])
            .ToHashSet(StringComparer.Ordinal);
    }

    public static ImapCapabilities None { get; } = new([]);

    public IReadOnlySet<string> All => _all;

    /// <summary>SASL mechanisms from AUTH=... entries.</summary>
    public IReadOnlySet<string> AuthenticationMechanisms { get; }

    public bool IsEmpty => _all.Count == 0;

    public bool Imap4Rev2 => Has("IMAP4REV2");

    public bool StartTls => Has("STARTTLS");

    /// <summary>RFC 9051 §6.2.3: LOGIN must not be used (usually until STARTTLS).</summary>
    public bool LoginDisabled => Has("LOGINDISABLED");

    /// <summary>RFC 4959 SASL-IR: the first SASL response may go on the AUTHENTICATE line.</summary>
    public bool SaslInitialResponse => Has("SASL-IR");

    /// <summary>RFC 7888 LITERAL+: every literal may be sent without waiting for "+".</summary>
    public bool LiteralPlus => Has("LITERAL+");

    /// <summary>RFC 7888 LITERAL-: literals up to 4096 bytes may be sent without waiting.</summary>
    public bool LiteralMinus => Has("LITERAL-");

    public bool Idle => Has("IDLE") || Imap4Rev2;

    public bool Move => Has("MOVE") || Imap4Rev2;

    /// <summary>RFC 4315 UIDPLUS (UID EXPUNGE, COPYUID); part of IMAP4rev2.</summary>
    public bool UidPlus => Has("UIDPLUS") || Imap4Rev2;

    /// <summary>RFC 4731 ESEARCH (SEARCH RETURN); part of IMAP4rev2.</summary>
    public bool ESearch => Has("ESEARCH") || Imap4Rev2;

    public bool Has(string capability) => _all.Contains(capability.ToUpperInvariant());

    public override string ToString() => string.Join(' ', _all.Order(StringComparer.Ordinal));
}
