using FoiDesk.Publication;

namespace FoiDesk.Replies.Safety;

/// <summary>
/// Checks a letter and its attachments before they leave: hidden data in OOXML and PDF attachments, and
/// email addresses and UK phone numbers that should not be there. Councils have been fined for spreadsheets
/// released with hidden sheets and pivot caches full of personal data; this gate exists for that.
/// </summary>
public static class PreSendGate
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".csv", ".md", ".json", ".xml", ".html", ".htm" };

    public static SafetyReport Check(string body, IReadOnlyList<OutgoingAttachment> attachments, SafetyContext context)
    {
        var findings = new List<SafetyFinding>();
        ScanContacts(null, body, context, findings);
        foreach (var attachment in attachments)
        {
            var texts = new List<string>();
            var extension = Path.GetExtension(attachment.FileName);
            switch (extension.ToLowerInvariant())
            {
                case ".xlsx" or ".xlsm" or ".docx" or ".docm" or ".pptx" or ".pptm":
                    OoxmlInspector.Inspect(attachment, findings, texts);
                    break;
                case ".pdf":
                    PdfInspector.Inspect(attachment, findings, texts);
                    break;
                case var e when TextExtensions.Contains(e):
                    texts.Add(System.Text.Encoding.UTF8.GetString(attachment.Content));
                    break;
                default:
                    findings.Add(new SafetyFinding
                    {
                        Attachment = attachment.FileName,
                        Kind = SafetyFindingKind.Uninspectable,
                        Severity = SafetySeverity.Medium,
                        Detail = $"FoiDesk cannot inspect '{extension}' files for hidden data; convert to XLSX, DOCX or PDF, or check it by hand",
                    });
                    break;
            }
            foreach (var text in texts)
            {
                ScanContacts(attachment.FileName, text, context, findings);
            }
        }
        return new SafetyReport { Findings = [.. findings.Distinct()] };
    }

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
