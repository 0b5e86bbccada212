namespace FoiDesk.Mail.Imap;

/// <summary>Status of a status response (RFC 9051 §7.1).</summary>
public enum ImapStatus
{
    Ok,
    No,
    Bad,
    Bye,
    PreAuth,
}

/// <summary>A bracketed response code such as "[UIDVALIDITY 3857529045]" (RFC 9051 §7.1): its name, upper-cased,
/// and its arguments as sent.</summary>
public sealed record ImapResponseCode(string Name, string Arguments)
{
    /// <summary>Splits "[NAME args] text" into the code and the human-readable rest; no code gives null.</summary>
    public static (ImapResponseCode? Code, string Text) Parse(string responseText)
    {
        if (!responseText.StartsWith('['))
        {
            return (null, responseText);
        }

        var close = responseText.IndexOf(']', StringComparison.Ordinal);
        if (close < 0)
        {
            return (null, responseText);
        }

        var inner = responseText[1..close];
        var space = inner.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? inner : inner[..space]).ToUpperInvariant();
        var args = space < 0 ? string.Empty : inner[(space + 1)..];
        return (new ImapResponseCode(name, args), responseText[(close + 1)..].TrimStart());
    }
}

/// <summary>A tagged completion, or a "+" continuation request when <see cref="IsContinuation"/>.</summary>
public sealed record ImapResponse
{
    public required string Tag { get; init; }

    public required ImapStatus Status { get; init; }

    public ImapResponseCode? Code { get; init; }

    public required string Text { get; init; }

    public bool IsContinuation => Tag == "+";

    internal static ImapResponse Continuation(string text) =>
        new() { Tag = "+", Status = ImapStatus.Ok, Text = text };

    internal static ImapStatus? ParseStatus(string atom) => atom.ToUpperInvariant() switch
    {
        "OK" => ImapStatus.Ok,
        "NO" => ImapStatus.No,
        "BAD" => ImapStatus.Bad,
        "BYE" => ImapStatus.Bye,
        "PREAUTH" => ImapStatus.PreAuth,
        _ => null,
    };
}
