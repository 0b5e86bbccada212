using FoiDesk.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoiDesk.Intake;

/// <summary>
/// Starts an intake pass as soon as new mail reaches the IMAP folder, using IDLE (RFC 2177) on a connection of
/// its own, instead of leaving it until the next poll. The poll stays as the safety net: mail that arrives
/// while no IDLE is open (a reconnect, a server without IDLE) is still read within one poll interval, and
/// a pass started twice finds nothing new the second time (intake is exactly-once).
/// </summary>
public sealed class NewMailWatcher(Func<ImapMailbox> connect, string folder, Func<CancellationToken, Task> startPass, TimeProvider time, ILogger<NewMailWatcher> logger)
    : BackgroundService
{
    /// <summary>How long to wait before reconnecting after the connection failed.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>False when the inbox is the drop folder: there is nothing to watch.</summary>
    public bool Enabled { get; init; } = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var mailbox = connect();
                while (await mailbox.WaitForNewMailAsync(folder, stoppingToken))
                {
                    await startPass(stoppingToken);
                }

                logger.LogInformation("The IMAP server does not offer IDLE; new mail is read at each poll");
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Watching {Folder} for new mail failed; reconnecting in {Seconds} s (polling continues meanwhile)", folder, RetryAfter.TotalSeconds);
            }

            try
            {
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
