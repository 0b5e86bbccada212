using System.Text.RegularExpressions;
using FoiDesk.Mail.Mime;

namespace FoiDesk.Intake;

/// <summary>Adapts a parsed message to what routing and classification read.</summary>
public static partial class MessageFacts
{
    public static MessageTraits Traits(MimeMessage message)
    {
        var parts = new List<string>();
        var deliveryStatus = "";
        Walk(message.Body, parts, ref deliveryStatus);
        return new MessageTraits
        {
            Headers = [.. message.Headers.Select(h => new HeaderField(h.Name, h.Value))],
            Subject = message.Subject ?? "",
            ContentType = message.Body.ContentType.MimeType,
            PartContentTypes = parts,
            TextBody = message.TextBody ?? HtmlToText(message.HtmlBody) ?? "",
            DeliveryStatus = deliveryStatus,
        };
    }

    private static void Walk(MimeEntity entity, List<string> parts, ref string deliveryStatus)
    {
        parts.Add(entity.ContentType.MimeType);
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart.Children)
                {
                    Walk(child, parts, ref deliveryStatus);
                }

                break;
            case MimePart part when part.ContentType.MimeType.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase):
                deliveryStatus += part.GetText();
                break;
            case MessagePart embedded when entity.ContentType.MimeType.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase):
                deliveryStatus += embedded.Message.TextBody;
                break;
        }
    }

    /// <summary>
    /// When the message reached us: the newest Received header's timestamp (the receiving MTA's clock, RFC
    /// 5321 4.4), else what the source knows, else the Date header. FOIA s10(6): receipt is arrival.
    /// </summary>
    public static DateTimeOffset ArrivedAt(MimeMessage message, DateTimeOffset? fromSource, DateTimeOffset now)
    {
        var received = message.Headers.FirstOrDefault(h => h.Name.Equals("Received", StringComparison.OrdinalIgnoreCase))?.Value;
        if (received is not null)
        {
            var semicolon = received.LastIndexOf(';');
            if (semicolon >= 0 && DateParser.Parse(received[(semicolon + 1)..].Trim()) is { } at)
            {
                return at;
            }
        }

        return fromSource ?? message.Date ?? now;
    }

    /// <summary>
    /// The request as the requester wrote it: the text part (or the HTML as text), without WhatDoTheyKnow's
    /// footer and without quoted history. Returns the footer result too, for the reply-to address in it.
    /// </summary>
    public static (string Body, FooterStripResult Footer) RequestBody(MimeMessage message, IEnumerable<string> alaveteliDomains)
    {
        var text = message.TextBody ?? HtmlToText(message.HtmlBody) ?? "";
        var footer = WdtkFooter.Strip(text, alaveteliDomains);
        return (QuoteFolder.Fold(footer.Text).NewText.Trim(), footer);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private static string? HtmlToText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(Tags().Replace(html.Replace("<br", "\n<br", StringComparison.OrdinalIgnoreCase).Replace("</p>", "\n\n", StringComparison.OrdinalIgnoreCase), ""));
}
