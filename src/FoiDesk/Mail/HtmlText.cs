using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace FoiDesk.Mail;

/// <summary>
/// An HTML body as plain text, read with AngleSharp's HTML5 parser: linear in the input, so no crafted email
/// can stall intake the way a backtracking regular expression could (issue 16 M4). Block elements and
/// &lt;br&gt; become line breaks; script, style and head are dropped.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "section", "article", "header", "footer",
    };

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(html))]
    public static string? ToText(string? html)
    {
        if (html is null)
        {
            return null;
        }

        using var document = Parser.ParseDocument(html);
        var text = new StringBuilder(html.Length / 2);
        Append(document.Body ?? (INode)document, text);
        return text.ToString().Trim();
    }

    private static void Append(INode node, StringBuilder text)
    {
        // An explicit stack: a deeply nested document must not overflow ours.
        var stack = new Stack<(INode Node, bool Closing)>();
        stack.Push((node, false));
        while (stack.Count > 0)
        {
            var (current, closing) = stack.Pop();
            if (current is IElement element)
            {
                var name = element.LocalName;
                if (closing)
                {
                    if (name.Equals("p", StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append("\n\n");
                    }
                    else if (Blocks.Contains(name))
                    {
                        text.Append('\n');
                    }

                    continue;
                }

                if (name is "script" or "style" or "head" or "title")
                {
                    continue;
                }

                if (name == "br")
                {
                    text.Append('\n');
                    continue;
                }

                if (Blocks.Contains(name) && text.Length > 0 && text[^1] != '\n')
                {
                    text.Append('\n');
                }

                stack.Push((current, true));
            }
            else if (current.NodeType == NodeType.Text)
            {
                text.Append(current.TextContent);
                continue;
            }

            for (var child = current.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }
    }
}
