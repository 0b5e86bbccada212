namespace FoiDesk.Mail;

/// <summary>
/// The incoming mail seam: a folder of messages identified by UID. A UID is only meaningful with its folder's
/// UIDVALIDITY (RFC 9051 §2.3.1.1): if that changes, every stored UID is void and the folder must be re-read.
/// </summary>
public interface IMailbox
{
    Task<MailboxUids> ListUidsAsync(string folder, CancellationToken ct);

    /// <summary>Streams the raw message, byte for byte as the server holds it, into <paramref name="destination"/> without marking it \Seen.
    /// Returns false when no message has that UID (expunged meanwhile).</summary>
    Task<bool> FetchAsync(string folder, uint uid, Stream destination, CancellationToken ct);

    /// <summary>Adds flags (e.g. "\Seen", or a keyword such as "$FoiDeskImported") to one message.</summary>
    Task AddFlagsAsync(string folder, uint uid, IReadOnlyList<string> flags, CancellationToken ct);

    /// <summary>Moves a processed message to another folder (MOVE, or COPY + \Deleted + UID EXPUNGE).</summary>
    Task MoveAsync(string folder, uint uid, string destinationFolder, CancellationToken ct);

    /// <summary>
    /// Waits until new mail arrives in <paramref name="folder"/> and returns true; returns false at once when the
    /// server cannot tell (no IMAP IDLE, RFC 2177), so the caller keeps polling instead. Occupies the connection.
    /// </summary>
    Task<bool> WaitForNewMailAsync(string folder, CancellationToken ct);
}

public sealed record MailboxUids
{
    public required uint UidValidity { get; init; }

    /// <summary>The UID the next message will get; 0 if the server did not say.</summary>
    public required uint UidNext { get; init; }

    public required IReadOnlyList<uint> Uids { get; init; }

    /// <summary>Each message's INTERNALDATE (RFC 9051 2.3.3): when the server took it in. The best evidence of
    /// receipt an IMAP mailbox has (FOIA s10(1) runs from the day the authority received the request).</summary>
    public IReadOnlyDictionary<uint, DateTimeOffset> InternalDates { get; init; } = new Dictionary<uint, DateTimeOffset>();
}
