using FoiDesk.Mail.Mime.Encodings;
using FoiDesk.Mail.Mime.Tnef;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// Chooses a message's text and HTML bodies and lists the rest as attachments, the way mail clients do:
/// the first inline text/plain and text/html leaves are the bodies (inside multipart/alternative the last
/// alternative of each kind wins, RFC 2046 5.1.4); every other leaf is an attachment; attached messages are
/// listed raw and parsed. TNEF parts are unpacked; uuencoded blocks in text bodies become attachments.
/// </summary>
internal sealed class MessageParts
{
    public MimePart? Text { get; private set; }
    public MimePart? Html { get; private set; }
    public string? TextOverride { get; private set; }
    public string? HtmlOverride { get; private set; }
    public List<MimeAttachment> Attachments { get; } = [];
    public List<MimeMessage> Embedded { get; } = [];

    public static MessageParts Collect(MimeEntity body, int depth, ParseContext context)
    {
        var parts = new MessageParts();
        var leaves = new List<MimePart>();
        parts.Walk(body, leaves, context);
        foreach (var leaf in leaves)
        {
            if (leaf == parts.Text || leaf == parts.Html)
            {
                continue;
            }

            if (context.Options.DecodeTnef && IsTnef(leaf) && parts.TryUnpackTnef(leaf, context))
            {
                continue;
            }

            parts.Attachments.Add(new MimeAttachment
            {
                FileName = leaf.FileName,
                ContentType = leaf.ContentType.MimeType,
                Content = leaf.Content,
                ContentId = leaf.ContentId,
                IsInline = leaf.ContentDisposition?.IsInline == true || (leaf.ContentDisposition is null && leaf.ContentId is not null),
                Source = AttachmentSource.Mime,
                Part = leaf,
            });
        }

        if (parts.Text is { } text && context.Options.ExtractUuencode && !text.Content.IsSpilled && Uuencode.Contains(text.Content))
        {
            var (remaining, files) = Uuencode.Extract(text.GetText(), context);
            if (files.Count > 0)
            {
                parts.TextOverride = remaining;
                foreach (var (name, content) in files)
                {
                    parts.Attachments.Add(new MimeAttachment
                    {
                        FileName = name,
                        ContentType = MediaTypes.FromFileName(name),
                        Content = content,
                        Source = AttachmentSource.Uuencode,
                        Part = text,
                    });
                }
            }
        }

        return parts;
    }

    private void Walk(MimeEntity entity, List<MimePart> leaves, ParseContext context)
    {
        switch (entity)
        {
            case MessagePart mp:
                Embedded.Add(mp.Message);
                Attachments.Add(new MimeAttachment
                {
                    FileName = (mp.ContentDisposition?.FileName ?? mp.ContentType.Name) is { Length: > 0 } n ? n : null,
                    ContentType = mp.ContentType.MimeType,
                    Content = mp.Raw,
                    Source = AttachmentSource.Message,
                    Part = mp,
                });
                break;
            case Multipart { ContentType.MediaSubtype: "alternative" } alt:
                // RFC 2046 5.1.4: alternatives in increasing order of preference; take the last of each kind.
                MimePart? altText = null;
                MimePart? altHtml = null;
                var rest = new List<MimePart>();
                foreach (var child in alt.Children)
                {
                    if (child is MimePart leaf && IsBodyCandidate(leaf, "plain"))
                    {
                        if (altText is not null)
                        {
                            rest.Add(altText);
                        }

                        altText = leaf;
                    }
                    else if (child is MimePart leafHtml && IsBodyCandidate(leafHtml, "html"))
                    {
                        if (altHtml is not null)
                        {
                            rest.Add(altHtml);
                        }

                        altHtml = leafHtml;
                    }
                    else
                    {
                        Walk(child, rest, context);
                    }
                }

                if (altText is not null)
                {
                    Choose(altText, leaves);
                }

                if (altHtml is not null)
                {
                    Choose(altHtml, leaves);
                }

                leaves.AddRange(rest);
                break;
            case Multipart mp:
                foreach (var child in mp.Children)
                {
                    Walk(child, leaves, context);
                }

                break;
            case MimePart leaf:
                if (IsBodyCandidate(leaf, "plain") || IsBodyCandidate(leaf, "html"))
                {
                    Choose(leaf, leaves);
                }
                else
                {
                    leaves.Add(leaf);
                }

                break;
        }
    }

    private void Choose(MimePart leaf, List<MimePart> leaves)
    {
        if (leaf.ContentType.MediaSubtype == "plain" && Text is null)
        {
            Text = leaf;
        }
        else if (leaf.ContentType.MediaSubtype == "html" && Html is null)
        {
            Html = leaf;
        }
        else
        {
            leaves.Add(leaf);
        }
    }

    private static bool IsBodyCandidate(MimePart leaf, string subtype) =>
        leaf.ContentType.Is("text", subtype) && leaf.ContentDisposition?.IsAttachment != true
        && (leaf.FileName is null || leaf.ContentDisposition?.IsInline == true);

    private static bool IsTnef(MimePart leaf) =>
        leaf.ContentType.MimeType is "application/ms-tnef" or "application/vnd.ms-tnef"
        || string.Equals(leaf.FileName, "winmail.dat", StringComparison.OrdinalIgnoreCase);

    private bool TryUnpackTnef(MimePart leaf, ParseContext context)
    {
        if (leaf.Content.IsSpilled)
        {
            context.Warnings.Add("tnef-too-large", "TNEF part too large to unpack in memory; kept as is");
            return false;
        }

        var result = TnefReader.Read(leaf.Content.ToArray(), context);
        if (result is null || result.Attachments.Count == 0)
        {
            // Alaveteli keeps a TNEF with nothing to extract (or a truncated one) as an opaque attachment.
            return false;
        }

        foreach (var a in result.Attachments)
        {
            Attachments.Add(new MimeAttachment
            {
                FileName = a.FileName,
                ContentType = MediaTypes.FromFileName(a.FileName),
                Content = new MimeContent(a.Data),
                Source = AttachmentSource.Tnef,
                Part = leaf,
            });
        }

        if (Text is null && HtmlOverride is null && result.Body is { Length: > 0 } body)
        {
            TextOverride = body;
        }

        if (Html is null && result.HtmlBody is { Length: > 0 } html)
        {
            HtmlOverride = html;
        }

        return true;
    }
}
