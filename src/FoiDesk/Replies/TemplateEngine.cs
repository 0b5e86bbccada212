using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace FoiDesk.Replies;

/// <summary>
/// Renders letter templates with Handlebars.Net: <c>{{ path }}</c>, <c>{{#each list}}…{{/each}}</c>,
/// <c>{{#if path}}…{{else}}…{{/if}}</c> and <c>{{#unless path}}…{{/unless}}</c> over Markdown. Templates are
/// limited to that logic-less subset (<see cref="TemplateSyntax"/>: authority staff edit wording in the app, so
/// nothing in a template can run code, load a partial or reach outside the scope it is given). Block tags alone on
/// a line take their line with them (Handlebars' standalone rule).
/// <para>
/// Values are printed by FoiDesk, not by Handlebars: case text is Markdown-escaped, officer Markdown goes in as
/// written, links become autolinks only when well formed (<see cref="TemplateBinding"/>). Handlebars' own HTML
/// escaping is off because the output is Markdown, not HTML: the Markdown renderer escapes text for HTML and
/// refuses raw HTML, so escaping here as well would print "&amp;amp;" in letters.
/// </para>
/// </summary>
public static partial class TemplateEngine
{
    public sealed record Result(string Markdown, IReadOnlyList<string> MissingFields, IReadOnlyList<string> UnknownFields);

    private static readonly IHandlebars Handlebars = HandlebarsDotNet.Handlebars.Create(TemplateBinding.Configuration());

    // Compiling builds expression trees, so each distinct template text is compiled once. The set is small
    // (the shipped files and each authority's saved wordings); the cap only guards against unbounded growth.
    private static readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> Compiled = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="FormatException"/> for malformed tags or unbalanced blocks: a template error, not a case error.</summary>
    public static Result Render(string template, TemplateScope scope, LetterLanguage language)
    {
        var compiled = Compile(template);
        var state = new TemplateBinding.RenderState(language);
        var markdown = compiled(new TemplateBinding.ScopeView(scope, null, state), null!);
        return new Result(markdown, [.. state.Missing], [.. state.Unknown]);
    }

    /// <summary>Checks a template parses; throws <see cref="FormatException"/> otherwise.</summary>
    public static void Validate(string template) => Compile(template);

    private static HandlebarsTemplate<object, object> Compile(string template)
    {
        if (Compiled.TryGetValue(template, out var compiled))
        {
            return compiled;
        }
        var normalised = TemplateSyntax.Check(template);
        try
        {
            compiled = Handlebars.Compile(normalised);
        }
        catch (HandlebarsException e)
        {
            throw new FormatException($"the template does not parse: {e.Message}", e);
        }
        if (Compiled.Count > 1000)
        {
            Compiled.Clear();
        }
        return Compiled.GetOrAdd(template, compiled);
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
    internal static string? Format(object? value, LetterLanguage language) => value switch
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
