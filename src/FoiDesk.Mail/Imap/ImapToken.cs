namespace FoiDesk.Mail.Imap;

internal enum ImapTokenKind
{
    Atom,
    QuotedString,
    Literal,
    Nil,
    OpenParen,
    CloseParen,
    Eoln,
}

/// <summary>One lexical item of a server response (RFC 9051 §9). A literal token carries only its length:
/// its bytes are still on the wire and must be read (or skipped) next.</summary>
internal readonly record struct ImapToken(ImapTokenKind Kind, string Text = "", long Length = 0)
{
    public bool IsAtom(string value) => Kind == ImapTokenKind.Atom && string.Equals(Text, value, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Kind switch
    {
        ImapTokenKind.Literal => "{" + Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}",
        ImapTokenKind.OpenParen => "(",
        ImapTokenKind.CloseParen => ")",
        ImapTokenKind.Eoln => "CRLF",
        ImapTokenKind.Nil => "NIL",
        _ => Text,
    };
}
