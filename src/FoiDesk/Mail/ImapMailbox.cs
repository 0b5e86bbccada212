using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;

namespace FoiDesk.Mail;

/// <summary>
/// <see cref="IMailbox"/> over MailKit's <see cref="ImapClient"/>. Keeps one authenticated connection and
/// reconnects after a failure; opens the folder a call names only when it is not already open. Not
/// thread-safe: one poller per mailbox.
/// </summary>
public sealed class ImapMailbox(MailServerEndpoint endpoint, MailConnectionOptions? options = null) : IMailbox, IAsyncDisposable
{
    private readonly MailConnectionOptions _options = options ?? new MailConnectionOptions();
    private ImapClient? _client;
    private IMailFolder? _open;

    public async Task<MailboxUids> ListUidsAsync(string folder, CancellationToken ct)
    {
        var open = await OpenAsync(folder, ct);
        var uids = await open.SearchAsync(SearchQuery.All, ct);
        var dates = new Dictionary<uint, DateTimeOffset>();
        if (uids.Count > 0)
        {
            // One FETCH for every INTERNALDATE: the server's own record of when each message arrived.
            foreach (var summary in await open.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, ct))
            {
                if (summary.InternalDate is { } at)
                {
                    dates[summary.UniqueId.Id] = at;
                }
            }
        }

        return new MailboxUids
        {
            UidValidity = open.UidValidity,
            UidNext = open.UidNext?.Id ?? 0,
            Uids = [.. uids.Select(u => u.Id)],
            InternalDates = dates,
        };
    }

    public async Task<bool> FetchAsync(string folder, uint uid, Stream destination, CancellationToken ct)
    {
        var open = await OpenAsync(folder, ct);
        try
        {
            // Section "" is BODY.PEEK[]: the whole message as the server stores it, without setting \Seen
            // (RFC 9051 6.4.5), so its SHA-256 is the hash of what the server held.
            await using var stream = await open.GetStreamAsync(new UniqueId(open.UidValidity, uid), "", ct);
            await stream.CopyToAsync(destination, ct);
            return true;
        }
        catch (MessageNotFoundException)
        {
            return false; // expunged meanwhile
        }
    }

    public async Task AddFlagsAsync(string folder, uint uid, IReadOnlyList<string> flags, CancellationToken ct)
    {
        var open = await OpenAsync(folder, ct);
        var system = MessageFlags.None;
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case "\\Seen": system |= MessageFlags.Seen; break;
                case "\\Answered": system |= MessageFlags.Answered; break;
                case "\\Flagged": system |= MessageFlags.Flagged; break;
                case "\\Deleted": system |= MessageFlags.Deleted; break;
                case "\\Draft": system |= MessageFlags.Draft; break;
                default: keywords.Add(flag); break;
            }
        }

        await open.StoreAsync(new UniqueId(open.UidValidity, uid), new StoreFlagsRequest(StoreAction.Add, system, keywords) { Silent = true }, ct);
    }

    public async Task MoveAsync(string folder, uint uid, string destinationFolder, CancellationToken ct)
    {
        var open = await OpenAsync(folder, ct);
        var destination = await _client!.GetFolderAsync(destinationFolder, ct);
        // MailKit uses MOVE (RFC 6851) when offered, else COPY + \Deleted + UID EXPUNGE.
        await open.MoveToAsync(new UniqueId(open.UidValidity, uid), destination, ct);
    }

    public async Task<bool> WaitForNewMailAsync(string folder, CancellationToken ct)
    {
        var open = await OpenAsync(folder, ct);
        if (!_client!.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            return false;
        }

        // IDLE (RFC 2177) until the server reports a new message; re-issued every 9 minutes because servers
        // may drop an IDLE after 30 (RFC 2177 says clients should re-issue at least every 29 minutes).
        var start = open.Count;
        while (open.Count <= start)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void OnCount(object? sender, EventArgs e) => done.Cancel();
            open.CountChanged += OnCount;
            try
            {
                done.CancelAfter(TimeSpan.FromMinutes(9));
                await _client.IdleAsync(done.Token, ct);
            }
            finally
            {
                open.CountChanged -= OnCount;
            }

            ct.ThrowIfCancellationRequested();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or OperationCanceledException)
            {
                // Already gone.
            }

            _client.Dispose();
            _client = null;
            _open = null;
        }
    }

    private async Task<IMailFolder> OpenAsync(string folder, CancellationToken ct)
    {
        if (_client is null || !_client.IsConnected || !_client.IsAuthenticated)
        {
            _client?.Dispose();
            _open = null;
            _client = new ImapClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
            if (_options.ServerCertificateValidation is { } validate)
            {
                _client.ServerCertificateValidationCallback = validate;
            }

            await _client.ConnectAsync(endpoint.Host, endpoint.Port, MailSecurityOptions.For(endpoint.Security), ct);
            await MailSecurityOptions.AuthenticateAsync(_client, endpoint.Credentials ?? throw new InvalidOperationException("An IMAP mailbox needs credentials."), ct);
        }

        if (_open is null || !_open.IsOpen || !string.Equals(_open.FullName, folder, StringComparison.Ordinal))
        {
            var f = string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? _client.Inbox : await _client.GetFolderAsync(folder, ct);
            await f.OpenAsync(FolderAccess.ReadWrite, ct);
            _open = f;
        }

        return _open;
    }
}
