namespace FoiDesk.Replies;

/// <summary>Markdown written by an officer: inserted as it is (raw HTML is still disabled when rendered).</summary>
public sealed record MarkdownValue(string Markdown);
