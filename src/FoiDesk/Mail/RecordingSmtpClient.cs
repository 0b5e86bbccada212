using MailKit.Net.Smtp;
using MimeKit;

namespace FoiDesk.Mail;

/// <summary>
/// MailKit's client, keeping each recipient's RCPT TO reply instead of throwing at the first refusal, and
/// sending the message exactly as it was stored (no re-encoding: our letters are written 7-bit clean).
/// </summary>
internal sealed class RecordingSmtpClient : SmtpClient
{
    /// <summary>Each recipient's reply, by lower-cased address.</summary>
    public Dictionary<string, RecipientResult> Results { get; } = new(StringComparer.Ordinal);

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Results[mailbox.Address.ToLowerInvariant()] = Result(mailbox, response, accepted: true);

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Results[mailbox.Address.ToLowerInvariant()] = Result(mailbox, response, accepted: false);

    /// <summary>The stored bytes are the bytes sent: the outbox hashes and keeps them (issue 14).</summary>
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
    }

    private static RecipientResult Result(MailboxAddress mailbox, SmtpResponse response, bool accepted)
    {
        // RFC 3463 enhanced status codes lead the text when the server announced ENHANCEDSTATUSCODES.
        var text = response.Response;
        string? enhanced = null;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && text[..space].Count(c => c == '.') == 2 && text[..space].All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            enhanced = text[..space];
            text = text[(space + 1)..];
        }

        return new RecipientResult { Address = mailbox.Address, Accepted = accepted, StatusCode = (int)response.StatusCode, EnhancedStatusCode = enhanced, Text = text };
    }
}
