using FoiDesk.Redaction;

namespace FoiDesk.Replies.Safety;

/// <summary>
/// Checks a letter and its attachments before they leave: hidden data in OOXML and PDF attachments, and
/// email addresses and UK phone numbers that should not be there. Councils have been fined for spreadsheets
/// released with hidden sheets and pivot caches full of personal data; this gate exists for that.
/// </summary>
public static class PreSendGate
{
    private static readonly HashSet<string> OoxmlExtensions = new(StringComparer.OrdinalIgnoreCase) { ".xlsx", ".xlsm", ".docx", ".docm", ".pptx", ".pptm" };

    public static SafetyReport Check(string body, IReadOnlyList<AttachmentToCheck> attachments, SafetyContext context)
    {
        var findings = new List<SafetyFinding>();
        ScanContacts(null, body, context, findings);
        foreach (var attachment in attachments)
        {
            var texts = new List<string>();
            var extension = Path.GetExtension(attachment.FileName);
            void Add(SafetyFindingKind kind, SafetySeverity severity, string detail) =>
                findings.Add(new SafetyFinding { Attachment = attachment.FileName, Kind = kind, Severity = severity, Detail = detail });

            // What the bytes are, not what the name says (security review M5): a workbook renamed .txt was
            // read as text and its hidden sheets never looked at, and a .pdf that is not one was let through.
            var format = FileSniffer.Sniff(attachment.Content);
            if (FileSniffer.Mismatch(format, extension))
            {
                Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium,
                    $"the file is named '{extension}' but its content is {FileSniffer.Describe(format)}; rename it, or check that it is the file you meant to send");
            }

            switch (format)
            {
                case SniffedFormat.Ooxml:
                    OoxmlInspector.Inspect(attachment, findings, texts);
                    break;
                case SniffedFormat.Pdf:
                    PdfInspector.Inspect(attachment, findings, texts);
                    break;
                case SniffedFormat.Text:
                    texts.Add(System.Text.Encoding.UTF8.GetString(attachment.Content));
                    break;
                default:
                    Add(SafetyFindingKind.Uninspectable, SafetySeverity.Medium,
                        $"could not inspect: FoiDesk cannot check {FileSniffer.Describe(format)} ('{extension}') for hidden data; convert to XLSX, DOCX or PDF, or check it by hand");
                    break;
            }
            foreach (var text in texts)
            {
                ScanContacts(attachment.FileName, text, context, findings);
            }
        }
        return new SafetyReport { Findings = [.. findings.Distinct()] };
    }

    internal static bool IsOoxmlExtension(string extension) => OoxmlExtensions.Contains(extension);

    private static void ScanContacts(string? attachment, string text, SafetyContext context, List<SafetyFinding> findings)
    {
        var allowedEmails = context.AllowedEmails.Select(e => e.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowedPhones = context.AllowedPhones.Select(PersonalData.NormalisePhone).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var email in PersonalData.Emails(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (allowedEmails.Contains(email))
            {
                continue;
            }
            var owner = context.People.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
            findings.Add(new SafetyFinding
            {
                Attachment = attachment,
                Kind = SafetyFindingKind.EmailAddress,
                Severity = owner is null ? SafetySeverity.Medium : SafetySeverity.High,
                Detail = owner is null ? $"email address {email}" : $"{owner.Role}'s email address {email}",
            });
        }
        foreach (var phone in PersonalData.Phones(text))
        {
            var national = PersonalData.NormalisePhone(phone.Value)!;
            if (allowedPhones.Contains(national))
            {
                continue;
            }
            var owner = context.People.FirstOrDefault(p => p.Phone is not null && PersonalData.NormalisePhone(p.Phone) == national);
            findings.Add(new SafetyFinding
            {
                Attachment = attachment,
                Kind = SafetyFindingKind.PhoneNumber,
                Severity = owner is null ? SafetySeverity.Medium : SafetySeverity.High,
                Detail = owner is null ? $"phone number {phone.Value}" : $"{owner.Role}'s phone number {phone.Value}",
            });
        }
    }
}
