namespace FoiDesk.Mail;

public sealed record AttachmentReport(string? FileName, string ContentType, long Size, string Sha256);
