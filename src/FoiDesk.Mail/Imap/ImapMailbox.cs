using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Imap;

/// <summary>
/// <see cref="IMailbox"/> over IMAP. Keeps one authenticated connection and reconnects after a protocol failure;
/// selects the folder a call names only when it is not already selected. Not thread-safe: one poller per mailbox.
/// </summary>
public sealed class ImapMailbox(MailServerEndpoint endpoint, MailConnectionOptions? options = null) : IMailbox, IAsyncDisposable
{
    private ImapClient? _client;

    public async Task<MailboxUids> ListUidsAsync(string folder, CancellationToken ct)
    {
        var client = await SelectAsync(folder, ct);
        var uids = await client.UidSearchAsync("ALL", ct);
        var info = client.SelectedFolder!;
        return new MailboxUids { UidValidity = info.UidValidity, UidNext = info.UidNext, Uids = uids };
    }

    public async Task<bool> FetchAsync(string folder, uint uid, Stream destination, CancellationToken ct)
    {
        var client = await SelectAsync(folder, ct);
        return await client.UidFetchMessageAsync(uid, destination, ct) is not null;
    }

    public async Task AddFlagsAsync(string folder, uint uid, IReadOnlyList<string> flags, CancellationToken ct)
    {
        var client = await SelectAsync(folder, ct);
        await client.UidStoreFlagsAsync([uid], flags, remove: false, ct);
    }

    public async Task MoveAsync(string folder, uint uid, string destinationFolder, CancellationToken ct)
    {
        var client = await SelectAsync(folder, ct);
        await client.UidMoveAsync([uid], destinationFolder, ct);
    }

    public async Task<bool> WaitForNewMailAsync(string folder, CancellationToken ct)
    {
        var client = await SelectAsync(folder, ct);
        if (!client.Capabilities.Idle)
        {
            return false;
        }

        await client.WaitForNewMessagesAsync(ct);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.DisconnectAsync(quit: true);
            }
            catch (ImapProtocolException)
            {
                // Already gone.
            }

            await _client.DisposeAsync();
            _client = null;
        }
    }

    private async Task<ImapClient> SelectAsync(string folder, CancellationToken ct)
    {
        if (_client is null || !_client.IsConnected)
        {
            if (_client is not null)
            {
                await _client.DisposeAsync();
            }

            _client = new ImapClient(options);
            await _client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
            if (!_client.IsAuthenticated)
            {
                await _client.AuthenticateAsync(
                    endpoint.Credentials ?? throw new InvalidOperationException("An IMAP mailbox needs credentials."),
                    ct);
            }
        }

        if (!string.Equals(_client.SelectedFolder?.Name, folder, StringComparison.Ordinal))
        {
            await _client.SelectAsync(folder, ct);
        }

        return _client;
    }
}
