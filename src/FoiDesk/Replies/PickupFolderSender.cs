using FoiDesk.Mail;

namespace FoiDesk.Replies;

/// <summary>
/// The embedded default's outbox: each message becomes an .eml file in the pickup folder, written to a
/// temporary name and renamed, so a reader never sees half a message. The file is named by Message-ID,
/// so a resend after a crash overwrites the same file rather than adding a second.
/// </summary>
public sealed class PickupFolderSender(string folder) : IMailSender
{
    public async Task<SendResult> SendAsync(MailEnvelope envelope, Stream message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        using var buffer = new MemoryStream();
        await message.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        using var parsed = MailReader.Read(bytes, ct: ct);
        var name = FileNameFor(parsed.MessageId);
        var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, bytes, ct);

        File.Move(temp, Path.Combine(folder, name), overwrite: true);
        return new SendResult
        {
            Recipients = [.. envelope.Recipients.Select(r => new RecipientResult { Address = r, Accepted = true, StatusCode = 250, Text = "written to pickup folder" })],
            Failure = DeliveryFailure.None,
        };
    }

    public static string FileNameFor(string? messageId) => messageId is { Length: > 0 } id
        ? string.Concat(id.Trim('<', '>').Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '@' ? c : '_')) + ".eml"
        : $"{Guid.NewGuid():N}.eml";
}
