using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>
/// The part of Handlebars that letter templates may use: <c>{{ path }}</c> with a dotted field name, and the
/// blocks <c>#each</c>, <c>#if</c> and <c>#unless</c> (with <c>{{else}}</c> for if/unless). Authority staff edit
/// letter wording in the app, so everything else Handlebars offers (helpers with arguments, partials, raw
/// <c>{{{ }}}</c> output, <c>../</c> and <c>@data</c> paths, comments, whitespace control) is refused: a letter
/// template can only print the fields it is given. Handlebars.Net parses and renders what passes this check.
/// </summary>
public static partial class TemplateSyntax
{
    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^\s*(?:(?<kw>#each|#if|#unless)\s+(?<path>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)|(?<kw>/each|/if|/unless)(?:\s+(?<path>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*))?|(?<else>else)|(?<path>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*))\s*$")]
    private static partial Regex TagBody();

    /// <summary>Names Handlebars gives a meaning of its own; as a field they would call a helper or mean the context.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "this", "each", "if", "unless", "with", "lookup", "log", "else", "true", "false", "null", "undefined" };

    /// <summary>
    /// Throws <see cref="FormatException"/> for a tag outside the subset, a stray brace or an unbalanced block.
    /// Returns the template as Handlebars takes it, every tag in its plain form (the first engine accepted spaces
    /// where Handlebars does not, as in <c>{{ #if x }}</c> or <c>{{ else }}</c>); a closing tag may repeat its block's path
    /// (<c>{{/each questions}}</c>, accepted since the first template engine), which Handlebars does not allow, so
    /// it is dropped; and a backslash before a tag (a Markdown line break before a field) is doubled so Handlebars
    /// does not read it as an escaped, literal tag.
    /// </summary>
    public static string Check(string template)
    {
        var output = new StringBuilder(template.Length);
        var stack = new Stack<(string Keyword, string Path, bool InElse)>();
        var pos = 0;
        foreach (Match m in TagPattern().Matches(template))
        {
            CheckNoStrayBraces(template, pos, m.Index);
            var body = TagBody().Match(m.Groups[1].Value);
            if (!body.Success)
            {
                throw new FormatException($"malformed tag '{m.Value}' at offset {m.Index}");
            }
            var keyword = body.Groups["kw"].Success ? body.Groups["kw"].Value : body.Groups["else"].Success ? "else" : "";
            var path = body.Groups["path"].Value;
            if (path.Length > 0 && Reserved.Contains(path.Split('.')[0]))
            {
                throw new FormatException($"'{m.Value}' at offset {m.Index} names a reserved word, not a field");
            }
            var text = template[pos..m.Index];
            output.Append(text.EndsWith('\\') ? text + "\\" : text);
            pos = m.Index + m.Length;
            switch (keyword)
            {
                case "":
                    output.Append("{{").Append(path).Append("}}");
                    break;
                case "#each" or "#if" or "#unless":
                    stack.Push((keyword, path, false));
                    output.Append("{{").Append(keyword).Append(' ').Append(path).Append("}}");
                    break;
                case "else":
                    if (stack.Count == 0 || stack.Peek().InElse || stack.Peek().Keyword == "#each")
                    {
                        throw new FormatException($"'{{{{else}}}}' outside an if/unless block at offset {m.Index}");
                    }
                    var open = stack.Pop();
                    stack.Push(open with { InElse = true });
                    output.Append("{{else}}");
                    break;
                default:
                    if (stack.Count == 0 || stack.Peek().Keyword[1..] != keyword[1..]
                        || (path.Length > 0 && stack.Peek().Path != path))
                    {
                        throw new FormatException($"'{m.Value}' at offset {m.Index} does not close the open block");
                    }
                    stack.Pop();
                    output.Append("{{").Append(keyword).Append("}}");
                    break;
            }
        }
        if (stack.Count > 0)
        {
            throw new FormatException($"block '{stack.Peek().Keyword} {stack.Peek().Path}' is never closed");
        }
        CheckNoStrayBraces(template, pos, template.Length);
        output.Append(template[pos..]);
        return output.ToString();
    }

    // A "{{" without its "}}" (or the reverse) is a broken tag, which would otherwise be sent as literal text.
    private static void CheckNoStrayBraces(string template, int from, int to)
    {
        var text = template[from..to];
        var at = text.IndexOf("{{", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf("}}", StringComparison.Ordinal);
        }
        if (at >= 0)
        {
            throw new FormatException($"unmatched braces at offset {from + at}");
        }
    }
}
