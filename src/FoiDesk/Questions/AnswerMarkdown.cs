using FoiDesk.Security;
using Markdig;

namespace FoiDesk.Questions;

/// <summary>
/// Answers are written in Markdown and rendered on the server. Raw HTML is escaped, not passed through, and a
/// link of any kind (inline, reference, autolink, image) may only point at http(s) or mailto: anything else
/// (javascript:, data:) is dropped to text (<see cref="LinkAllowList"/>).
/// Images are not loaded: they become links, so nothing remote is fetched by showing an answer.
/// </summary>
public static class AnswerMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // Images become links: nothing remote is fetched by showing an answer.
        LinkAllowList.Apply(document, image =>
        {
            image.IsImage = false;
            return null;
        });
        return document.ToHtml(Pipeline);
    }
}
