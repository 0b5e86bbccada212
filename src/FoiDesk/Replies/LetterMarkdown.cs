using System.Text;
using FoiDesk.Security;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FoiDesk.Replies;

/// <summary>
/// Parses a letter's Markdown once and renders both MIME parts from the same tree, so the text part says
/// exactly what the HTML part says. Raw HTML is disabled (it shows as text), images become their alt text
/// (no external resources in a letter) and only http, https and mailto links survive, autolinks included
/// (<see cref="LinkAllowList"/>).
/// </summary>
public static class LetterMarkdown
{
    public const int TextWidth = 72;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .DisableHtml()
        .Build();

    public static MarkdownDocument Parse(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown, Pipeline);
        // Images become their alt text: no external resources in a letter.
        LinkAllowList.Apply(doc, image => new LiteralInline(InlineText(image)));
        return doc;
    }

    public static string ToHtmlFragment(MarkdownDocument doc) => Markdig.Markdown.ToHtml(doc, Pipeline);

    /// <summary>Readable plain text: headings underlined (=, -, ~ by level), "- " lists, aligned tables, "text (url)" links.</summary>
    public static string ToText(MarkdownDocument doc)
    {
        var sb = new StringBuilder();
        RenderBlocks(doc, sb, "", "");
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    public static string ToText(string markdown) => ToText(Parse(markdown));

    private static void RenderBlocks(ContainerBlock container, StringBuilder sb, string firstPrefix, string restPrefix)
    {
        var first = true;
        foreach (var block in container)
        {
            if (block is LinkReferenceDefinitionGroup or BlankLineBlock)
            {
                continue;
            }
            if (!first)
            {
                sb.Append(restPrefix.TrimEnd()).Append('\n');
            }
            RenderBlock(block, sb, first ? firstPrefix : restPrefix, restPrefix);
            first = false;
        }
    }

    private static void RenderBlock(Block block, StringBuilder sb, string firstPrefix, string restPrefix)
    {
        switch (block)
        {
            case HeadingBlock h:
                // Case is kept (capitals would mangle "s.43(2)"); the underline marks the level.
                var title = InlineText(h.Inline);
                sb.Append(firstPrefix).Append(title).Append('\n');
                sb.Append(restPrefix).Append(new string(h.Level switch { 1 => '=', 2 => '-', _ => '~' }, Math.Max(3, title.Length))).Append('\n');
                break;
            case ParagraphBlock p:
                Wrap(InlineText(p.Inline), sb, firstPrefix, restPrefix);
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                var firstItem = true;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}. " : "- ";
                    var pad = new string(' ', marker.Length);
                    RenderBlocks(item, sb, (firstItem ? firstPrefix : restPrefix) + marker, restPrefix + pad);
                    firstItem = false;
                }
                break;
            case QuoteBlock quote:
                RenderBlocks(quote, sb, firstPrefix + "> ", restPrefix + "> ");
                break;
            case Table table:
                RenderTable(table, sb, firstPrefix, restPrefix);
                break;
            case ThematicBreakBlock:
                sb.Append(firstPrefix).Append(new string('-', 24)).Append('\n');
                break;
            case CodeBlock code:
                var lineFirst = true;
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    sb.Append(lineFirst ? firstPrefix : restPrefix).Append("    ").Append(line.ToString()).Append('\n');
                    lineFirst = false;
                }
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                Wrap(InlineText(leaf.Inline), sb, firstPrefix, restPrefix);
                break;
            case ContainerBlock c:
                RenderBlocks(c, sb, firstPrefix, restPrefix);
                break;
        }
    }

    private static void RenderTable(Table table, StringBuilder sb, string firstPrefix, string restPrefix)
    {
        var rows = table.OfType<TableRow>().Select(r => r.OfType<TableCell>().Select(c => CellText(c)).ToList()).ToList();
        var headerRows = table.OfType<TableRow>().TakeWhile(r => r.IsHeader).Count();
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        var first = true;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns).Select(i =>
            {
                var text = i < rows[r].Count ? rows[r][i] : "";
                var right = i < table.ColumnDefinitions.Count && table.ColumnDefinitions[i].Alignment == TableColumnAlign.Right;
                return right ? text.PadLeft(widths[i]) : text.PadRight(widths[i]);
            });
            sb.Append(first ? firstPrefix : restPrefix).Append(string.Join("  ", cells).TrimEnd()).Append('\n');
            first = false;
            if (r == headerRows - 1)
            {
                sb.Append(restPrefix).Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<LeafBlock>().Select(b => b.Inline is null ? "" : InlineText(b.Inline))).Trim();

    private static string InlineText(ContainerInline? container)
    {
        var sb = new StringBuilder();
        AppendInline(container, sb);
        return sb.ToString();
    }

    private static void AppendInline(ContainerInline? container, StringBuilder sb)
    {
        if (container is null)
        {
            return;
        }
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline br:
                    sb.Append(br.IsHard ? '\n' : ' ');
                    break;
                case AutolinkInline auto:
                    sb.Append(auto.Url);
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html:
                    sb.Append(html.Tag);
                    break;
                case LinkInline link:
                    var text = InlineText(link);
                    var url = link.Url ?? "";
                    var bare = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;
                    sb.Append(text);
                    if (bare.Length > 0 && !string.Equals(text, bare, StringComparison.OrdinalIgnoreCase))
                    {
                        sb.Append(" (").Append(bare).Append(')');
                    }
                    break;
                case ContainerInline inner:
                    AppendInline(inner, sb);
                    break;
            }
        }
    }

    /// <summary>Greedy word wrap; hard line breaks are kept and a word longer than the width stays whole.</summary>
    private static void Wrap(string text, StringBuilder sb, string firstPrefix, string restPrefix)
    {
        var prefix = firstPrefix;
        foreach (var segment in text.Split('\n'))
        {
            var width = Math.Max(20, TextWidth - restPrefix.Length);
            var line = new StringBuilder();
            foreach (var word in segment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    sb.Append(prefix).Append(line).Append('\n');
                    prefix = restPrefix;
                    line.Clear();
                }
                if (line.Length > 0)
                {
                    line.Append(' ');
                }
                line.Append(word);
            }
            sb.Append(prefix).Append(line).Append('\n');
            prefix = restPrefix;
        }
    }
}
