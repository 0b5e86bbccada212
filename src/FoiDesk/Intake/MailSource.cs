namespace FoiDesk.Intake;

/// <summary>One message as a mailbox delivered it: raw bytes and where it came from.</summary>
/// <param name="Source">Which mailbox: "drop-folder" or "imap:host/folder".</param>
/// <param name="SourceKey">Its identity there: the file name, or "UIDVALIDITY:UID" (RFC 9051 2.3.1.1).</param>
/// <param name="ArrivedAt">When the mailbox server took it in, if the source records it (IMAP INTERNALDATE): the
/// first receipt evidence (<see cref="ReceiptEvidence"/>). Null for a drop folder: a file's time is when it was
/// copied there, not when the authority received the email.</param>
public sealed record SourceMessage(string Source, string SourceKey, byte[] Bytes, DateTimeOffset? ArrivedAt);

/// <summary>
/// The incoming mailbox seam. Messages are acknowledged (moved or flagged) only after everything derived
/// from them is committed, so a crash between the two re-reads the message, and the raw store recognises it.
/// </summary>
public interface IMailSource
{
    string Name { get; }

    IAsyncEnumerable<SourceMessage> ReadAsync(CancellationToken ct);

    Task AcknowledgeAsync(SourceMessage message, CancellationToken ct);
}

/// <summary>The embedded default: .eml files dropped into a folder, moved to another once processed.</summary>
public sealed class DropFolderSource(string inbox, string processed) : IMailSource
{
    public string Name => "drop-folder";

    public async IAsyncEnumerable<SourceMessage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Directory.CreateDirectory(inbox);
        // Oldest first, so requests open in the order they arrived.
        var files = new DirectoryInfo(inbox).EnumerateFiles("*.eml")
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file.FullName, ct);
            }
            catch (FileNotFoundException)
            {
                continue; // another instance took it
            }

            yield return new SourceMessage(Name, file.Name, bytes, null);
        }
    }

    public Task AcknowledgeAsync(SourceMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(processed);
        var from = Path.Combine(inbox, message.SourceKey);
        if (File.Exists(from))
        {
            File.Move(from, Path.Combine(processed, message.SourceKey), overwrite: true);
        }

        return Task.CompletedTask;
    }
}
