namespace FoiDesk.Mail.Imap;

public sealed partial class ImapClient
{
    /// <summary>
    /// IDLE (RFC 2177): waits until the selected mailbox changes, <see cref="IdleRestartInterval"/> passes, or
    /// <paramref name="ct"/> is cancelled, then sends DONE and reads the completion, so the connection stays usable
    /// in every case (cancellation throws only after the clean finish). Without IDLE it falls back to one NOOP.
    /// </summary>
    public async Task<ImapMailboxChanges> IdleAsync(CancellationToken ct = default)
    {
        if (!Capabilities.Idle)
        {
            return await NoopAsync(ct);
        }

        var changes = await RunAsync(
            async token =>
            {
                RequireSelected();
                var before = _selected!.Exists;
                using var restart = new CancellationTokenSource(IdleRestartInterval, _options.TimeProvider);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, restart.Token);
                var doneSent = 0;
                var doneWrite = Task.CompletedTask;
                void SendDone()
                {
                    if (Interlocked.Exchange(ref doneSent, 1) == 0)
                    {
                        _connection?.ShortenTimeout(_options.Timeout);
                        doneWrite = WriteLineAsync("DONE", secret: false, token);
                    }
                }

                var context = new CommandContext { OnChange = SendDone };
                var tag = NextTag();
                await SendAsync(tag, new ImapCommand("IDLE"), context, token);
                var response = await ReadUntilTaggedAsync(tag, context, token);
                if (response.IsContinuation)
                {
                    // The read below never races a second writer: only DONE is written while idling.
                    await using (stop.Token.Register(SendDone))
                    {
                        if (context.NewMessages || context.Expunged > 0 || context.FlagUpdates > 0)
                        {
                            SendDone();
                        }

                        response = await ReadUntilTaggedAsync(tag, context, token);
                    }

                    await doneWrite;
                }

                if (response.IsContinuation || response.Status != ImapStatus.Ok)
                {
                    throw response.IsContinuation
                        ? new ImapProtocolException("The server sent a second continuation during IDLE.")
                        : new ImapCommandException("IDLE", response);
                }

                var changed = context.Changes(_selected!.Exists, before, timedOut: false);
                return changed with { TimedOut = restart.IsCancellationRequested && !changed.NewMessages && changed.Expunged == 0 && changed.FlagUpdates == 0 };
            },
            CancellationToken.None,
            timeout: IdleRestartInterval + _options.Timeout);

        ct.ThrowIfCancellationRequested();
        return changes;
    }

    /// <summary>Idles until new mail arrives, re-issuing IDLE every <see cref="IdleRestartInterval"/>.</summary>
    public async Task<ImapMailboxChanges> WaitForNewMessagesAsync(CancellationToken ct = default)
    {
        while (true)
        {
            var changes = await IdleAsync(ct);
            if (changes.NewMessages)
            {
                return changes;
            }
        }
    }
}
