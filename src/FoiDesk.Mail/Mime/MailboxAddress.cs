using System.Text;

namespace FoiDesk.Mail.Mime;

/// <summary>One mailbox from an address header. <see cref="Address"/> is null when the header carried only a name.</summary>
public sealed record MailboxAddress(string? Name, string? Address)
{
    public override string ToString() => Name is null ? Address ?? string.Empty : $"{Name} <{Address}>";
}

/// <summary>
/// RFC 5322 3.4 address lists: display names (quoted, encoded-word, or unquoted with commas and dots as
/// senders really write them), angle addresses, bare addr-specs, groups (flattened to their members),
/// comments, and obsolete routes. Never throws; what cannot be read is dropped with a warning.
/// </summary>
public static class AddressParser
{
    public static IReadOnlyList<MailboxAddress> Parse(string? value) => Parse(value, null);

    internal static List<MailboxAddress> Parse(string? value, MimeWarnings? warnings)
    {
        var result = new List<MailboxAddress>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return result;
        }

        var s = Rfc2047.Unfold(value);
        var phrase = new StringBuilder();
        var bare = new StringBuilder();
        string? angle = null;
        string? comment = null;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                {
                    var end = i + 1;
                    var sb = new StringBuilder();
                    while (end < s.Length && s[end] != '"')
                    {
                        if (s[end] == '\\' && end + 1 < s.Length)
                        {
                            end++;
                        }

                        sb.Append(s[end++]);
                    }

                    AppendWord(phrase, sb.ToString());
                    bare.Append('"').Append(sb).Append('"');
                    i = end + 1;
                    break;
                }

                case '(':
                {
                    var depth = 0;
                    var start = i;
                    while (i < s.Length)
                    {
                        if (s[i] == '\\')
                        {
                            i++;
                        }
                        else if (s[i] == '(')
                        {
                            depth++;
                        }
                        else if (s[i] == ')' && --depth == 0)
                        {
                            break;
                        }

                        i++;
                    }

                    comment ??= s[(start + 1)..Math.Min(i, s.Length)].Trim();
                    i++;
                    break;
                }

                case '<':
                {
                    var end = s.IndexOf('>', i + 1);
                    if (end < 0)
                    {
                        warnings?.Add("bad-address", $"unclosed '<' in address list '{Truncate(s)}'");
                        end = s.IndexOf(',', i + 1);
                        end = end < 0 ? s.Length : end;
                        angle = s[(i + 1)..end];
                        i = end;
                    }
                    else
                    {
                        angle = s[(i + 1)..end];
                        i = end + 1;
                    }

                    break;
                }

                case ':' when angle is null && !bare.ToString().Contains('@', StringComparison.Ordinal):
                    // group-name ":" (RFC 5322 3.4); members follow, the name itself is not a mailbox.
                    phrase.Clear();
                    bare.Clear();
                    comment = null;
                    i++;
                    break;
                case ',' or ';':
                {
                    var carry = Finish(result, phrase, bare, ref angle, ref comment);
                    if (carry is not null && c == ';')
                    {
                        result.Add(new MailboxAddress(Rfc2047.Decode(carry, warnings), null));
                    }
                    else if (carry is not null)
                    {
                        // "Smith, John <john@example.org>": an unquoted name containing a comma.
                        phrase.Append(carry).Append(", ");
                        bare.Append(carry).Append(", ");
                    }

                    i++;
                    break;
                }

                default:
                    if (char.IsWhiteSpace(c))
                    {
                        if (phrase.Length > 0 && phrase[^1] != ' ')
                        {
                            phrase.Append(' ');
                        }
                    }
                    else
                    {
                        phrase.Append(c);
                        bare.Append(c);
                    }

                    i++;
                    break;
            }
        }

        var leftover = Finish(result, phrase, bare, ref angle, ref comment);
        if (leftover is not null)
        {
            result.Add(new MailboxAddress(Rfc2047.Decode(leftover, warnings), null));
            warnings?.Add("bad-address", $"address list entry '{Truncate(leftover)}' has no address");
        }

        return result;
    }

    /// <returns>A phrase with no address that should be carried into the next mailbox, or null.</returns>
    private static string? Finish(List<MailboxAddress> result, StringBuilder phrase, StringBuilder bare, ref string? angle, ref string? comment)
    {
        var name = phrase.ToString().Trim().TrimEnd(',').Trim();
        var spec = bare.ToString();
        string? carry = null;
        if (angle is not null)
        {
            var address = CleanAddress(angle);
            result.Add(new MailboxAddress(name.Length > 0 ? Rfc2047.Decode(name) : (comment is { Length: > 0 } ? Rfc2047.Decode(comment) : null), address.Length > 0 ? address : null));
        }
        else if (spec.Contains('@', StringComparison.Ordinal))
        {
            result.Add(new MailboxAddress(comment is { Length: > 0 } ? Rfc2047.Decode(comment) : null, CleanAddress(spec)));
        }
        else if (name.Length > 0)
        {
            carry = name;
        }
        else if (comment is { Length: > 0 })
        {
            // "From: (mailbox in US-ASCII)": only a comment; keep it as the name (RFC 2046's own example).
            result.Add(new MailboxAddress(Rfc2047.Decode(comment), null));
        }

        phrase.Clear();
        bare.Clear();
        angle = null;
        comment = null;
        return carry;
    }

    private static string CleanAddress(string a)
    {
        var s = a.Trim();
        // Obsolete source route "@a.example,@b.example:user@c.example" (RFC 5322 4.4).
        var colon = s.LastIndexOf(':');
        if (s.StartsWith('@') && colon > 0)
        {
            s = s[(colon + 1)..];
        }

        s = s.Trim().Trim('\'', '"').Trim();
        return s.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\t", string.Empty, StringComparison.Ordinal);
    }

    private static void AppendWord(StringBuilder phrase, string word)
    {
        if (phrase.Length > 0 && phrase[^1] != ' ')
        {
            phrase.Append(' ');
        }

        phrase.Append(word);
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
