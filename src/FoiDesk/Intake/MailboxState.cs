namespace FoiDesk.Intake;

/// <summary>
/// How this host's last intake passes went, for /health. An IMAP server that is down shows only when a pass
/// tries to read it, so /health reports what the passes saw rather than opening a connection of its own each
/// time a load balancer asks. Per host: with several hosts, the one whose passes failed reports the mailbox down.
/// </summary>
public sealed class MailboxState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastRead;
    private DateTimeOffset? _failingSince;
    private string? _lastError;

    /// <summary>A pass read the mailbox to the end.</summary>
    public void Read()
    {
        lock (_gate)
        {
            (_lastRead, _failingSince, _lastError) = (time.GetUtcNow(), null, null);
        }
    }

    /// <summary>A pass could not read the mailbox (connection, sign-in or protocol failure).</summary>
    public void Failed(string error)
    {
        lock (_gate)
        {
            _failingSince ??= time.GetUtcNow();
            _lastError = error;
        }
    }

    public MailboxSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new MailboxSnapshot(_lastRead, _failingSince, _lastError);
        }
    }
}

/// <summary>The last successful read, and since when passes have been failing and why (null when the last pass read).</summary>
public sealed record MailboxSnapshot(DateTimeOffset? LastRead, DateTimeOffset? FailingSince, string? LastError)
{
    public bool Failing => FailingSince is not null;
}
