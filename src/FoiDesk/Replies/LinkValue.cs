namespace FoiDesk.Replies;

/// <summary>A web address or email address: inserted as a Markdown autolink when it is well formed.</summary>
public sealed record LinkValue(string Target);
