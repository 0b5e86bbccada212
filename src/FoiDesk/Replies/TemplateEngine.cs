using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>Markdown written by an officer: inserted as it is (raw HTML is still disabled when rendered).</summary>
public sealed record MarkdownValue(string Markdown);

/// <summary>A web address or email address: inserted as a Markdown autolink when it is well formed.</summary>
public sealed record LinkValue(string Target);

/// <summary>Pounds sterling, printed as "£1,234.50".</summary>
public sealed record MoneyValue(decimal Pounds);

/// <summary>
/// The values a template can name: dotted keys ("case.reference") mapped to a string (plain text from the case,
/// neutralised before it enters Markdown), <see cref="MarkdownValue"/>, <see cref="LinkValue"/>, <see cref="DateOnly"/>,
/// <see cref="MoneyValue"/>, int, bool, or a list of nested scopes for <c>{{#each}}</c>. A key present with a null
/// value is a field the case lacks; a key absent is a field that does not exist.
/// </summary>
public sealed class TemplateScope(IReadOnlyDictionary<string, object?> values, TemplateScope? parent = null, string name = "")
{
    public TemplateScope? Parent { get; } = parent;

    public IReadOnlyDictionary<string, object?> Values { get; } = values;

    /// <summary>Where this scope sits, e.g. "questions[2]." inside the second question; prefixes reported field names.</summary>
    public string Name { get; } = name;

    public bool TryGet(string path, out object? value) => TryGet(path, out value, out _);

    public bool TryGet(string path, out object? value, out TemplateScope? foundIn)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Values.TryGetValue(path, out value))
            {
                foundIn = scope;
                return true;
            }
        }
        value = null;
        foundIn = null;
        return false;
    }
}

/// <summary>
/// A small logic-less template language over Markdown: <c>{{ path }}</c>, <c>{{#each list}}…{{/each}}</c>,
/// <c>{{#if path}}…{{else}}…{{/if}}</c> and <c>{{#unless path}}…{{/unless}}</c>. Nothing in a template can
/// run code or reach outside the scope it is given. Block tags alone on a line take their line with them.
/// </summary>
public static partial class TemplateEngine
{
    public sealed record Result(string Markdown, IReadOnlyList<string> MissingFields, IReadOnlyList<string> UnknownFields);

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^\s*(?:(?<kw>#each|#if|#unless)\s+(?<path>[A-Za-z][A-Za-z0-9_.]*)|(?<kw>/each|/if|/unless)(?:\s+(?<path>[A-Za-z][A-Za-z0-9_.]*))?|(?<else>else)|(?<path>[A-Za-z][A-Za-z0-9_.]*))\s*$")]
    private static partial Regex TagBody();

    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record FieldNode(string Path) : Node;
    private sealed record BlockNode(string Keyword, string Path, List<Node> Body, List<Node> Else) : Node;

    /// <summary>Throws <see cref="FormatException"/> for malformed tags or unbalanced blocks: a template error, not a case error.</summary>
    public static Result Render(string template, TemplateScope scope, LetterLanguage language)
    {
        var nodes = Parse(template);
        var sb = new StringBuilder();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        Evaluate(nodes, scope, language, sb, missing, unknown);
        return new Result(sb.ToString(), [.. missing], [.. unknown]);
    }

    /// <summary>Checks a template parses; throws <see cref="FormatException"/> otherwise.</summary>
    public static void Validate(string template) => Parse(template);

    private static List<Node> Parse(string template)
    {
        var root = new List<Node>();
        var stack = new Stack<(BlockNode Block, bool InElse)>();
        List<Node> Current() => stack.Count == 0 ? root : stack.Peek().InElse ? stack.Peek().Block.Else : stack.Peek().Block.Body;

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
            var start = m.Index;
            var end = m.Index + m.Length;
            if (keyword.Length > 0)
            {
                // A block tag alone on its line removes the line, so templates can be laid out readably.
                var lineStart = template.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
                if (start == 0)
                {
                    lineStart = 0;
                }
                var lineEnd = template.IndexOf('\n', end);
                var before = template[Math.Max(lineStart, pos)..start];
                var after = template[end..(lineEnd < 0 ? template.Length : lineEnd)];
                if (lineStart >= pos && string.IsNullOrWhiteSpace(before) && string.IsNullOrWhiteSpace(after))
                {
                    start = lineStart;
                    end = lineEnd < 0 ? template.Length : lineEnd + 1;
                }
            }
            if (start > pos)
            {
                Current().Add(new TextNode(template[pos..start]));
            }
            pos = end;

            var path = body.Groups["path"].Value;
            switch (keyword)
            {
                case "":
                    Current().Add(new FieldNode(path));
                    break;
                case "#each" or "#if" or "#unless":
                    var block = new BlockNode(keyword, path, [], []);
                    Current().Add(block);
                    stack.Push((block, false));
                    break;
                case "else":
                    if (stack.Count == 0 || stack.Peek().InElse || stack.Peek().Block.Keyword == "#each")
                    {
                        throw new FormatException($"'{{{{else}}}}' outside an if/unless block at offset {m.Index}");
                    }
                    stack.Push((stack.Pop().Block, true));
                    break;
                default:
                    if (stack.Count == 0 || stack.Peek().Block.Keyword[1..] != keyword[1..]
                        || (path.Length > 0 && stack.Peek().Block.Path != path))
                    {
                        throw new FormatException($"'{m.Value}' at offset {m.Index} does not close the open block");
                    }
                    stack.Pop();
                    break;
            }
        }
        if (stack.Count > 0)
        {
            throw new FormatException($"block '{stack.Peek().Block.Keyword} {stack.Peek().Block.Path}' is never closed");
        }
        CheckNoStrayBraces(template, pos, template.Length);
        if (pos < template.Length)
        {
            Current().Add(new TextNode(template[pos..]));
        }
        return root;
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

    private static void Evaluate(List<Node> nodes, TemplateScope scope, LetterLanguage language, StringBuilder sb,
        SortedSet<string> missing, SortedSet<string> unknown)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t:
                    sb.Append(t.Text);
                    break;
                case FieldNode f:
                    if (!scope.TryGet(f.Path, out var value, out var foundIn))
                    {
                        unknown.Add(f.Path);
                    }
                    else if (Format(value, language) is { } text)
                    {
                        sb.Append(text);
                    }
                    else
                    {
                        missing.Add(foundIn!.Name + f.Path);
                    }
                    break;
                case BlockNode { Keyword: "#each" } each:
                    if (!scope.TryGet(each.Path, out var list))
                    {
                        unknown.Add(each.Path);
                    }
                    else if (list is IEnumerable<TemplateScope> items)
                    {
                        var position = 0;
                        foreach (var item in items)
                        {
                            var name = string.Create(CultureInfo.InvariantCulture, $"{scope.Name}{each.Path}[{++position}].");
                            Evaluate(each.Body, new TemplateScope(item.Values, scope, name), language, sb, missing, unknown);
                        }
                    }
                    else
                    {
                        unknown.Add(each.Path);
                    }
                    break;
                case BlockNode block:
                    if (!scope.TryGet(block.Path, out var condition))
                    {
                        unknown.Add(block.Path);
                        break;
                    }
                    var truth = IsTrue(condition) == (block.Keyword == "#if");
                    Evaluate(truth ? block.Body : block.Else, scope, language, sb, missing, unknown);
                    break;
            }
        }
    }

    internal static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => !string.IsNullOrWhiteSpace(s),
        MarkdownValue m => !string.IsNullOrWhiteSpace(m.Markdown),
        LinkValue l => !string.IsNullOrWhiteSpace(l.Target),
        IEnumerable<TemplateScope> list => list.Any(),
        _ => true,
    };

    /// <summary>Null when there is nothing to print: the field is missing.</summary>
    private static string? Format(object? value, LetterLanguage language) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : EscapeMarkdown(s),
        MarkdownValue m => string.IsNullOrWhiteSpace(m.Markdown) ? null : m.Markdown.Trim(),
        LinkValue l => string.IsNullOrWhiteSpace(l.Target) ? null : FormatLink(l.Target),
        DateOnly d => LetterFormat.Date(d, language),
        MoneyValue money => EscapeMarkdown(LetterFormat.Money(money.Pounds)),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => throw new InvalidOperationException($"a template cannot print a {value.GetType().Name}"),
    };

    [GeneratedRegex(@"^(https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[A-Za-z0-9\-._~%/?#=&+;,:@!$']*)?|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})$")]
    private static partial Regex SafeLink();

    private static string FormatLink(string target)
    {
        var t = target.Trim();
        return SafeLink().IsMatch(t) ? $"<{t}>" : EscapeMarkdown(t);
    }

    /// <summary>
    /// Makes case text (a requester's question, a name) inert in Markdown: every ASCII punctuation mark that
    /// CommonMark gives meaning to is backslash-escaped, and leading spaces go so no line becomes a code block.
    /// </summary>
    public static string EscapeMarkdown(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var atLineStart = true;
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
        {
            if (atLineStart && (c == ' ' || c == '\t'))
            {
                continue;
            }
            atLineStart = c == '\n';
            if ("\\`*_{}[]<>()#+-.!|~&=:\"'".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
