using System.Globalization;
using System.Text;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Imap;

/// <summary>
/// The IMAP tokenizer over a <see cref="MailConnection"/>: atoms, quoted strings, literals, parentheses and line
/// ends (RFC 9051 §4 and §9). Lenient where real servers are: atoms may hold a bracketed section with spaces
/// ("BODY[HEADER.FIELDS (TO)]"), keywords are matched case-insensitively, bare LF ends a line.
/// </summary>
internal sealed class ImapStream
{
    private readonly MailConnection _connection;

    public ImapStream(MailConnection connection)
    {
        _connection = connection;
    }

    public MailConnection Connection => _connection;

    public async ValueTask<ImapToken> ReadTokenAsync(CancellationToken ct)
    {
        int c;
        do
        {
            c = await _connection.ReadByteAsync(ct);
        }
        while (c == ' ');

        switch (c)
        {
            case -1:
                throw new EndOfStreamException("The IMAP server closed the connection.");
            case '\r':
                if (await _connection.PeekByteAsync(ct) == '\n')
                {
                    await _connection.ReadByteAsync(ct);
                }

                return new ImapToken(ImapTokenKind.Eoln);
            case '\n':
                return new ImapToken(ImapTokenKind.Eoln);
            case '(':
                return new ImapToken(ImapTokenKind.OpenParen);
            case ')':
                return new ImapToken(ImapTokenKind.CloseParen);
            case '"':
                return new ImapToken(ImapTokenKind.QuotedString, await ReadQuotedAsync(ct));
            case '{':
                return new ImapToken(ImapTokenKind.Literal, Length: await ReadLiteralHeaderAsync(ct));
            default:
                var atom = await ReadAtomAsync((byte)c, ct);
                return string.Equals(atom, "NIL", StringComparison.OrdinalIgnoreCase)
                    ? new ImapToken(ImapTokenKind.Nil, atom)
                    : new ImapToken(ImapTokenKind.Atom, atom);
        }
    }

    /// <summary>Reads a token that must be a string (atom, quoted, literal or NIL) and returns its text.</summary>
    public async ValueTask<string?> ReadStringAsync(CancellationToken ct)
    {
        var token = await ReadTokenAsync(ct);
        return token.Kind switch
        {
            ImapTokenKind.Atom or ImapTokenKind.QuotedString => token.Text,
            ImapTokenKind.Nil => null,
            ImapTokenKind.Literal => Encoding.UTF8.GetString(await _connection.ReadExactlyAsync(checked((int)token.Length), ct)),
            _ => throw new ImapProtocolException($"Expected a string but the server sent {token}."),
        };
    }

    public async ValueTask<uint> ReadNumberAsync(CancellationToken ct)
    {
        var token = await ReadTokenAsync(ct);
        if (token.Kind == ImapTokenKind.Atom && uint.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new ImapProtocolException($"Expected a number but the server sent {token}.");
    }

    /// <summary>The rest of the current line as text (status response text, continuation text).</summary>
    public async ValueTask<string> ReadRestOfLineAsync(CancellationToken ct)
    {
        var bytes = await _connection.ReadLineAsync(ct);
        var text = Encoding.UTF8.GetString(bytes);
        return text.StartsWith(' ') ? text[1..] : text;
    }

    /// <summary>Consumes tokens, literals included, up to the end of the line.</summary>
    public async ValueTask SkipLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var token = await ReadTokenAsync(ct);
            if (token.Kind == ImapTokenKind.Eoln)
            {
                return;
            }

            if (token.Kind == ImapTokenKind.Literal)
            {
                await _connection.CopyExactlyAsync(token.Length, Stream.Null, ct);
            }
        }
    }

    /// <summary>Skips one value that has begun with <paramref name="first"/>: a nested list, a literal or a scalar.</summary>
    public async ValueTask SkipValueAsync(ImapToken first, CancellationToken ct)
    {
        if (first.Kind == ImapTokenKind.Literal)
        {
            await _connection.CopyExactlyAsync(first.Length, Stream.Null, ct);
            return;
        }

        if (first.Kind != ImapTokenKind.OpenParen)
        {
            return;
        }

        var depth = 1;
        while (depth > 0)
        {
            var token = await ReadTokenAsync(ct);
            switch (token.Kind)
            {
                case ImapTokenKind.OpenParen:
                    depth++;
                    break;
                case ImapTokenKind.CloseParen:
                    depth--;
                    break;
                case ImapTokenKind.Literal:
                    await _connection.CopyExactlyAsync(token.Length, Stream.Null, ct);
                    break;
                case ImapTokenKind.Eoln:
                    throw new ImapProtocolException("The server ended the line inside a parenthesised list.");
            }
        }
    }

    /// <summary>Reads "( atom atom ... )" such as a FLAGS list.</summary>
    public async ValueTask<List<string>> ReadAtomListAsync(CancellationToken ct)
    {
        var open = await ReadTokenAsync(ct);
        var items = new List<string>();
        if (open.Kind == ImapTokenKind.Nil)
        {
            return items;
        }

        if (open.Kind != ImapTokenKind.OpenParen)
        {
            throw new ImapProtocolException($"Expected '(' but the server sent {open}.");
        }

        while (true)
        {
            var token = await ReadTokenAsync(ct);
            switch (token.Kind)
            {
                case ImapTokenKind.CloseParen:
                    return items;
                case ImapTokenKind.Atom or ImapTokenKind.QuotedString:
                    items.Add(token.Text);
                    break;
                default:
                    throw new ImapProtocolException($"Unexpected {token} in a list.");
            }
        }
    }

    private async ValueTask<string> ReadQuotedAsync(CancellationToken ct)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var c = await _connection.ReadByteAsync(ct);
            switch (c)
            {
                case -1 or '\r' or '\n':
                    throw new ImapProtocolException("The server ended a quoted string without its closing quote.");
                case '"':
                    return Encoding.UTF8.GetString(bytes.ToArray());
                case '\\':
                    c = await _connection.ReadByteAsync(ct);
                    if (c < 0)
                    {
                        throw new EndOfStreamException("The IMAP server closed the connection.");
                    }

                    break;
            }

            bytes.Add((byte)c);
            GuardLength(bytes.Count);
        }
    }

    private async ValueTask<long> ReadLiteralHeaderAsync(CancellationToken ct)
    {
        long length = 0;
        var digits = 0;
        int c;
        while ((c = await _connection.ReadByteAsync(ct)) is >= '0' and <= '9')
        {
            length = checked((length * 10) + (c - '0'));
            digits++;
        }

        if (c == '+')
        {
            c = await _connection.ReadByteAsync(ct);
        }

        if (digits == 0 || c != '}')
        {
            throw new ImapProtocolException("The server sent a malformed literal length.");
        }

        c = await _connection.ReadByteAsync(ct);
        if (c == '\r')
        {
            c = await _connection.ReadByteAsync(ct);
        }

        if (c != '\n')
        {
            throw new ImapProtocolException("A literal length must be followed by CRLF.");
        }

        return length;
    }

    private async ValueTask<string> ReadAtomAsync(byte first, CancellationToken ct)
    {
        var sb = new StringBuilder();
        var depth = 0;
        var c = (int)first;
        while (true)
        {
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }

            sb.Append((char)c);
            GuardLength(sb.Length);
            c = await _connection.PeekByteAsync(ct);
            if (c < 0 || c is '\r' or '\n')
            {
                break;
            }

            if (depth == 0 && c is ' ' or '(' or ')' or '"')
            {
                break;
            }

            await _connection.ReadByteAsync(ct);
        }

        return sb.ToString();
    }

    private void GuardLength(int length)
    {
        if (length > _connection.Options.MaxLineLength)
        {
            throw new ImapProtocolException("The server sent a token longer than the line limit.");
        }
    }
}
