using System.Globalization;

namespace FoiDesk.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>SELECT: opens a mailbox read-write and reports UIDVALIDITY, UIDNEXT and the message count.</summary>
    public Task<ImapFolderInfo> SelectAsync(string mailbox, CancellationToken ct = default) => OpenAsync("SELECT", mailbox, ct);

    /// <summary>EXAMINE: as SELECT but read-only; nothing (not even \Recent) changes on the server.</summary>
    public Task<ImapFolderInfo> ExamineAsync(string mailbox, CancellationToken ct = default) => OpenAsync("EXAMINE", mailbox, ct);

    /// <summary>UID SEARCH with raw criteria ("ALL", "UNSEEN", "UID 120:*", "SINCE 1-Feb-2025"). Uses
    /// RETURN (ALL) when the server has ESEARCH, so the answer is a compact set rather than a long list.</summary>
    public Task<IReadOnlyList<uint>> UidSearchAsync(string criteria = "ALL", CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<uint>>(
            async token =>
            {
                RequireSelected();
                var command = new ImapCommand("UID SEARCH");
                if (Capabilities.ESearch)
                {
                    command.Text("RETURN (ALL)");
                }

                command.Text(criteria);
                var context = new CommandContext();
                await ExecuteAsync(command, context, token);
                return context.SearchResults ?? [];
            },
            ct);

    /// <summary>
    /// UID FETCH uid BODY.PEEK[]: copies the raw message from the wire into <paramref name="destination"/> as it
    /// arrives (never whole in memory). PEEK leaves \Seen alone (RFC 9051 §6.4.5). Returns the size, or null when
    /// no message has that UID.
    /// </summary>
    public Task<long?> UidFetchMessageAsync(uint uid, Stream destination, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                RequireSelected();
                var context = new CommandContext { BodySink = destination };
                var command = new ImapCommand("UID FETCH").Text(uid.ToString(CultureInfo.InvariantCulture) + " BODY.PEEK[]");
                await ExecuteAsync(command, context, token);
                var body = context.Fetches.FirstOrDefault(f => f.BodyLength is not null);
                if (body is null)
                {
                    return (long?)null;
                }

                if (body.Uid is { } got && got != uid)
                {
                    throw new ImapProtocolException($"Asked for UID {uid} but the server sent UID {got}.");
                }

                return body.BodyLength;
            },
            ct);

    /// <summary>UID STORE +FLAGS.SILENT (or -FLAGS.SILENT when <paramref name="remove"/>).</summary>
    public Task UidStoreFlagsAsync(IReadOnlyCollection<uint> uids, IReadOnlyCollection<string> flags, bool remove = false, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                RequireSelected();
                var command = new ImapCommand("UID STORE")
                    .Text(ImapUidSet.Format(uids))
                    .Text((remove ? "-" : "+") + "FLAGS.SILENT (" + string.Join(' ', flags.Select(ValidateFlag)) + ")");
                await ExecuteAsync(command, new CommandContext(), token);
            },
            ct);

    /// <summary>
    /// Moves messages to <paramref name="destination"/>: UID MOVE (RFC 6851) when offered, otherwise UID COPY,
    /// +FLAGS (\Deleted) and UID EXPUNGE of just those UIDs (RFC 4315). Without UIDPLUS a plain EXPUNGE would also
    /// remove other users' \Deleted messages, so the originals are left flagged \Deleted instead.
    /// </summary>
    public Task<ImapCopyResult?> UidMoveAsync(IReadOnlyCollection<uint> uids, string destination, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                RequireSelected();
                var set = ImapUidSet.Format(uids);
                var context = new CommandContext();
                if (Capabilities.Move)
                {
                    await ExecuteAsync(new ImapCommand("UID MOVE").Text(set).Mailbox(destination), context, token);
                    return context.CopyResult;
                }

                await ExecuteAsync(new ImapCommand("UID COPY").Text(set).Mailbox(destination), context, token);
                await ExecuteAsync(new ImapCommand("UID STORE").Text(set).Text("+FLAGS.SILENT (\\Deleted)"), new CommandContext(), token);
                if (Capabilities.UidPlus)
                {
                    await ExecuteAsync(new ImapCommand("UID EXPUNGE").Text(set), new CommandContext(), token);
                }

                return context.CopyResult;
            },
            ct);

    /// <summary>UID EXPUNGE (RFC 4315): removes only the given \Deleted messages.</summary>
    public Task UidExpungeAsync(IReadOnlyCollection<uint> uids, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                RequireSelected();
                if (!Capabilities.UidPlus)
                {
                    throw new NotSupportedException("The IMAP server lacks UIDPLUS, so it cannot expunge single messages.");
                }

                await ExecuteAsync(new ImapCommand("UID EXPUNGE").Text(ImapUidSet.Format(uids)), new CommandContext(), token);
            },
            ct);

    private Task<ImapFolderInfo> OpenAsync(string verb, string mailbox, CancellationToken ct) =>
        RunAsync(
            async token =>
            {
                if (!IsAuthenticated)
                {
                    throw new InvalidOperationException("Authenticate before selecting a mailbox.");
                }

                // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected.
                _selected = null;
                _selecting = new SelectedMailbox(mailbox) { ReadOnly = verb == "EXAMINE" };
                try
                {
                    await ExecuteAsync(new ImapCommand(verb).Mailbox(mailbox), new CommandContext(), token);
                    _selected = _selecting;
                    return _selected.Snapshot();
                }
                finally
                {
                    _selecting = null;
                }
            },
            ct);

    private void RequireSelected()
    {
        if (_selected is null)
        {
            throw new InvalidOperationException("Select a mailbox first.");
        }
    }

    // RFC 9051 flag: "\" atom for system flags, or a keyword atom.
    private static string ValidateFlag(string flag)
    {
        var body = flag.StartsWith('\\') ? flag[1..] : flag;
        if (body.Length == 0 || body.Any(c => c is <= ' ' or >= '\u007f' or '(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']'))
        {
            throw new ArgumentException($"'{flag}' is not a valid IMAP flag.", nameof(flag));
        }

        return flag;
    }
}
