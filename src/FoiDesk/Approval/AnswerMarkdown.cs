using Markdig;

namespace FoiDesk.Approval;

/// <summary>Answers are written in Markdown; raw HTML in them is shown as text, never rendered (an answer is not trusted markup).</summary>
public static class AnswerMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
