namespace FoiDesk.Mail.Imap;

/// <summary>The state of the selected mailbox as SELECT/EXAMINE reported it and later untagged data updated it.</summary>
public sealed record ImapFolderInfo
{
    public required string Name { get; init; }

    public required bool ReadOnly { get; init; }

    /// <summary>RFC 9051 §2.3.1.1: UIDs from another UIDVALIDITY refer to different messages.</summary>
    public required uint UidValidity { get; init; }

    /// <summary>Predicted next UID; 0 when the server did not send UIDNEXT.</summary>
    public uint UidNext { get; init; }

    public uint Exists { get; init; }

    public uint Recent { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    public IReadOnlyList<string> PermanentFlags { get; init; } = [];

    public ulong HighestModSeq { get; init; }
}

/// <summary>What IDLE or NOOP observed: the mailbox size and whether messages arrived or went.</summary>
public sealed record ImapMailboxChanges
{
    public required uint Exists { get; init; }

    public required bool NewMessages { get; init; }

    public required int Expunged { get; init; }

    public required int FlagUpdates { get; init; }

    /// <summary>True when IDLE ended because the re-issue interval elapsed, not because anything changed.</summary>
    public bool TimedOut { get; init; }
}

/// <summary>The COPYUID response code of MOVE/COPY (RFC 4315 §3): where the messages landed.</summary>
public sealed record ImapCopyResult
{
    public required uint DestinationUidValidity { get; init; }

    public required IReadOnlyList<uint> SourceUids { get; init; }

    public required IReadOnlyList<uint> DestinationUids { get; init; }
}
