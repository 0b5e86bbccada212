using System.Globalization;
using MimeKit;

namespace FoiDesk.Mail;

/// <summary>A flat, serialisable view of a read message (what <c>mail parse</c> prints).</summary>
public sealed record MailReport
{
    public required string? MessageId { get; init; }
    public required string? Subject { get; init; }

    /// <summary>ISO 8601 with offset, or null when the Date header is missing or unreadable.</summary>
    public required string? Date { get; init; }
    public required IReadOnlyList<AddressReport> From { get; init; }
    public required IReadOnlyList<AddressReport> To { get; init; }
    public required IReadOnlyList<AddressReport> Cc { get; init; }
    public required IReadOnlyList<AddressReport> ReplyTo { get; init; }
    public required string? InReplyTo { get; init; }
    public required IReadOnlyList<string> References { get; init; }
    public required string? TextBody { get; init; }
    public required string? HtmlBody { get; init; }
    public required IReadOnlyList<AttachmentReport> Attachments { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public static MailReport Create(ReadMail m) => new()
    {
        MessageId = m.MessageId,
        Subject = m.Subject,
        Date = m.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        From = Addresses(m.From),
        To = Addresses(m.To),
        Cc = Addresses(m.Cc),
        ReplyTo = Addresses(m.ReplyTo),
        InReplyTo = m.InReplyTo,
        References = m.References,
        TextBody = m.TextBody,
        HtmlBody = m.HtmlBody,
        Attachments = [.. m.Attachments.Select(a => new AttachmentReport(a.FileName, a.ContentType, a.Size, a.Sha256))],
        Warnings = m.Warnings,
    };

    private static List<AddressReport> Addresses(IReadOnlyList<MailboxAddress> list) =>
        [.. list.Select(a => new AddressReport(string.IsNullOrEmpty(a.Name) ? null : a.Name, string.IsNullOrEmpty(a.Address) ? null : a.Address))];
}
