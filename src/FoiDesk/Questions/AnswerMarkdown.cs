using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FoiDesk.Questions;

/// <summary>
/// Answers are written in Markdown and rendered on the server. Raw HTML is escaped, not passed through, and a
/// link or image may only point at http(s) or mailto: anything else (javascript:, data:) is dropped to text.
/// Images are not loaded: they become links, so nothing remote is fetched by showing an answer.
/// </summary>
public static class AnswerMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.Url ?? "";
            var safe = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
            if (!safe)
            {
                link.Url = "";
                link.IsImage = false;
            }
            else if (link.IsImage)
            {
                link.IsImage = false;
            }
        }

        return document.ToHtml(Pipeline);
    }
}
