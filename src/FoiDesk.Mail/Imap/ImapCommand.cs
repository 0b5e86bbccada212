using System.Text;

namespace FoiDesk.Mail.Imap;

/// <summary>
/// A command line under construction: plain text, strings that are written as atom, quoted string or literal as
/// their content requires (RFC 9051 §4.3), and parts marked secret so the protocol log masks them.
/// </summary>
internal sealed class ImapCommand
{
    private readonly List<Part> _parts = [];

    public ImapCommand(string name)
    {
        Name = name;
        _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(name), Secret: false));
    }

    /// <summary>The command name used in errors (LOGIN, UID FETCH ...).</summary>
    public string Name { get; }

    internal IReadOnlyList<Part> Parts => _parts;

    /// <summary>Appends protocol text verbatim after a space; it must be ASCII without CR or LF.</summary>
    public ImapCommand Text(string text)
    {
        if (text.Any(c => c is '\r' or '\n' or > '\u007f'))
        {
            throw new ArgumentException("Command text must be ASCII on one line.", nameof(text));
        }

        _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(" " + text), Secret: false));
        return this;
    }

    /// <summary>Appends an astring: atom if it can be one, quoted if it is 7-bit and single-line, else a literal.</summary>
    public ImapCommand AString(string value, bool secret = false)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (value.Length > 0 && value.All(IsAtomChar))
        {
            _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(" "), Secret: false));
            _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(value), secret));
        }
        else if (bytes.All(b => b is >= 0x01 and <= 0x7f and not (byte)'\r' and not (byte)'\n'))
        {
            var quoted = "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(" "), Secret: false));
            _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(quoted), secret));
        }
        else
        {
            _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(" "), Secret: false));
            _parts.Add(new Part(PartKind.Literal, bytes, secret));
        }

        return this;
    }

    /// <summary>A mailbox name: modified UTF-7 for non-ASCII (RFC 3501 §5.1.3), INBOX as is.</summary>
    public ImapCommand Mailbox(string name) => AString(ImapMailboxName.Encode(name));

    /// <summary>Text that is a credential (a base64 SASL response): sent verbatim, masked in the log.</summary>
    public ImapCommand SecretText(string text)
    {
        _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(" "), Secret: false));
        _parts.Add(new Part(PartKind.Text, Encoding.ASCII.GetBytes(text), Secret: true));
        return this;
    }

    // RFC 9051 ATOM-CHAR: any CHAR except atom-specials "(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]".
    private static bool IsAtomChar(char c) =>
        c is > ' ' and < '\u007f' and not '(' and not ')' and not '{' and not '%' and not '*' and not '"' and not '\\' and not ']';

    internal enum PartKind
    {
        Text,
        Literal,
    }

    internal sealed record Part(PartKind Kind, byte[] Bytes, bool Secret);
}

/// <summary>IMAP mailbox names in modified UTF-7 (RFC 3501 §5.1.3; RFC 9051 servers also accept it).</summary>
public static class ImapMailboxName
{
    public static string Encode(string name)
    {
        var sb = new StringBuilder();
        var pending = new StringBuilder();
        foreach (var c in name)
        {
            if (c is >= ' ' and <= '~')
            {
                Flush();
                sb.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Append(c);
            }
        }

        Flush();
        return sb.ToString();

        void Flush()
        {
            if (pending.Length == 0)
            {
                return;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(pending.ToString());
            var b64 = Convert.ToBase64String(utf16).TrimEnd('=').Replace('/', ',');
            sb.Append('&').Append(b64).Append('-');
            pending.Clear();
        }
    }

    public static string Decode(string encoded)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < encoded.Length)
        {
            var amp = encoded.IndexOf('&', i);
            if (amp < 0)
            {
                sb.Append(encoded, i, encoded.Length - i);
                break;
            }

            sb.Append(encoded, i, amp - i);
            var dash = encoded.IndexOf('-', amp);
            if (dash < 0)
            {
                sb.Append(encoded, amp, encoded.Length - amp);
                break;
            }

            if (dash == amp + 1)
            {
                sb.Append('&');
            }
            else
            {
                var b64 = encoded[(amp + 1)..dash].Replace(',', '/');
                b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
                sb.Append(Encoding.BigEndianUnicode.GetString(Convert.FromBase64String(b64)));
            }

            i = dash + 1;
        }

        return sb.ToString();
    }
}
