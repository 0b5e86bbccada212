using System.Globalization;
using FoiDesk.Mail;

namespace FoiDesk.Intake;

/// <summary>
/// An IMAP folder (Microsoft 365 and Google through XOAUTH2, or any IMAP server). Each message is fetched
/// without setting \Seen and moved to the processed folder after its case change commits.
/// </summary>
public sealed class ImapMailSource(IMailbox mailbox, string host, string folder, string processedFolder) : IMailSource
{
    public string Name => $"imap:{host}/{folder}";

    public async IAsyncEnumerable<SourceMessage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var listing = await mailbox.ListUidsAsync(folder, ct);
        foreach (var uid in listing.Uids.Order())
        {
            using var buffer = new MemoryStream();
            if (!await mailbox.FetchAsync(folder, uid, buffer, ct))
            {
                continue; // expunged meanwhile
            }

            // INTERNALDATE: when the server took the message in, the receipt evidence the mailbox itself holds.
            yield return new SourceMessage(Name, Key(listing.UidValidity, uid), buffer.ToArray(), listing.InternalDates.TryGetValue(uid, out var at) ? at : null);
        }
    }

    public Task AcknowledgeAsync(SourceMessage message, CancellationToken ct)
    {
        var uid = uint.Parse(message.SourceKey[(message.SourceKey.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        return mailbox.MoveAsync(folder, uid, processedFolder, ct);
    }

    private static string Key(uint uidValidity, uint uid) => string.Create(CultureInfo.InvariantCulture, $"{uidValidity}:{uid}");
}
