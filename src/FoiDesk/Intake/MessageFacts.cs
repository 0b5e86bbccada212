using FoiDesk.Mail;
using MimeKit;

namespace FoiDesk.Intake;

/// <summary>Adapts a parsed message to what routing and classification read.</summary>
public static class MessageFacts
{
    public static MessageTraits Traits(ReadMail message)
    {
        var parts = new List<string>();
        var deliveryStatus = "";
        if (message.Body is not null)
        {
            Walk(message.Body, parts, ref deliveryStatus);
        }

        return new MessageTraits
        {
            Headers = [.. message.Headers.Select(h => new HeaderField(h.Field, h.Value))],
            Subject = message.Subject ?? "",
            ContentType = message.Body?.ContentType.MimeType ?? "text/plain",
            PartContentTypes = parts,
            TextBody = message.TextBody ?? HtmlText.ToText(message.HtmlBody) ?? "",
            DeliveryStatus = deliveryStatus,
        };
    }

    private static void Walk(MimeEntity entity, List<string> parts, ref string deliveryStatus)
    {
        parts.Add(entity.ContentType.MimeType);
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Walk(child, parts, ref deliveryStatus);
                }

                break;
            case MimePart part when part.ContentType.MimeType.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase):
                deliveryStatus += DecodedText(part);
                break;
            case MessagePart embedded when entity.ContentType.MimeType.Equals("message/delivery-status", StringComparison.OrdinalIgnoreCase):
                deliveryStatus += embedded.Message?.TextBody;
                break;
        }
    }

    /// <summary>
    /// The request as the requester wrote it: the text part (or the HTML as text), without WhatDoTheyKnow's
    /// footer and without quoted history. Returns the footer result too, for the reply-to address in it.
    /// </summary>
    public static (string Body, FooterStripResult Footer) RequestBody(ReadMail message, IEnumerable<string> alaveteliDomains)
    {
        var text = message.TextBody ?? HtmlText.ToText(message.HtmlBody) ?? "";
        var footer = WdtkFooter.Strip(text, alaveteliDomains);
        return (QuoteFolder.Fold(footer.Text).NewText.Trim(), footer);
    }

    /// <summary>A delivery-status part (RFC 3464) as text: US-ASCII fields, so Latin-1 loses nothing.</summary>
    private static string DecodedText(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        return System.Text.Encoding.Latin1.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
