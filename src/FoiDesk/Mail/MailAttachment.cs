namespace FoiDesk.Mail;

/// <summary>A file found in a message: a MIME leaf that is not a chosen body, an attached message, a uuencoded
/// block, or a file unpacked from TNEF. Size and SHA-256 are of the decoded content.</summary>
/// <param name="Origin">"mime", "message", "uuencode" or "tnef".</param>
public sealed record MailAttachment(string? FileName, string ContentType, long Size, string Sha256, string Origin);
