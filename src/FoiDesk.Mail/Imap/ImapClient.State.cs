namespace FoiDesk.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>What one command collected from the untagged responses it provoked.</summary>
    private sealed class CommandContext
    {
        public bool CapabilitiesUpdated { get; set; }

        public List<uint>? SearchResults { get; set; }

        public Stream? BodySink { get; init; }

        private bool BodySinkTaken { get; set; }

        public Stream? TakeBodySink()
        {
            if (BodySinkTaken)
            {
                return null;
            }

            BodySinkTaken = true;
            return BodySink;
        }

        public List<FetchRecord> Fetches { get; } = [];

        public ImapCopyResult? CopyResult { get; set; }

        public bool NewMessages { get; set; }

        public int Expunged { get; set; }

        public int FlagUpdates { get; set; }

        public string? ByeText { get; set; }

        /// <summary>Called when the mailbox changes (IDLE uses it to end the wait).</summary>
        public Action? OnChange { get; init; }

        public void NotifyChange(string keyword)
        {
            if (keyword is "EXISTS" or "EXPUNGE" or "FETCH" or "VANISHED")
            {
                OnChange?.Invoke();
            }
        }

        public ImapMailboxChanges Changes(uint exists, uint before, bool timedOut) => new()
        {
            Exists = exists,
            NewMessages = NewMessages || exists > before,
            Expunged = Expunged,
            FlagUpdates = FlagUpdates,
            TimedOut = timedOut,
        };
    }

    private sealed class FetchRecord(uint sequence)
    {
        public uint Sequence { get; } = sequence;

        public uint? Uid { get; set; }

        public long? BodyLength { get; set; }

        public IReadOnlyList<string>? Flags { get; set; }
    }

    private sealed class SelectedMailbox(string name)
    {
        public string Name { get; } = name;

        public bool ReadOnly { get; set; }

        public uint UidValidity { get; set; }

        public uint UidNext { get; set; }

        public uint Exists { get; set; }

        public uint Recent { get; set; }

        public IReadOnlyList<string> Flags { get; set; } = [];

        public IReadOnlyList<string> PermanentFlags { get; set; } = [];

        public ulong HighestModSeq { get; set; }

        public ImapFolderInfo Snapshot() => new()
        {
            Name = Name,
            ReadOnly = ReadOnly,
            UidValidity = UidValidity,
            UidNext = UidNext,
            Exists = Exists,
            Recent = Recent,
            Flags = Flags,
            PermanentFlags = PermanentFlags,
            HighestModSeq = HighestModSeq,
        };
    }
}
