using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Replies;
using Npgsql;

namespace FoiDesk.Web.Hosting;

/// <summary>The host's mail wiring: which inbox and which transport (configured servers, or the data directory's folders), and the outbox on them.</summary>
public static class MailSources
{
    /// <summary>The configured IMAP mailbox, or the data directory's drop folder.</summary>
    public static IMailSource Inbox(MailSettings mail, FoiDeskOptions options) => mail.Imap.Configured
        ? new ImapMailSource(new ImapMailbox(mail.Imap.Endpoint()), mail.Imap.Host!, mail.ImapFolder, mail.ImapProcessedFolder)
        : new DropFolderSource(options.InboxDirectory, options.ProcessedDirectory);

    /// <summary>The configured SMTP relay, or the data directory's pickup folder.</summary>
    public static IMailSender Outbox(MailSettings mail, FoiDeskOptions options) => mail.Smtp.Configured
        ? new SmtpMailSender(mail.Smtp.Endpoint())
        : new PickupFolderSender(options.OutboxDirectory);

    /// <summary>The outbox writes letters from the configured From address (Intake's mail settings).</summary>
    public static Outbox OutboxFor(MailSettings mail, TimeProvider time) => new(time, mail.FromAddress, mail.FromName);

    /// <summary>The sender delivers outbox rows through <paramref name="transport"/>, leasing each for the configured time.</summary>
    public static OutboxSender SenderFor(MailSettings mail, NpgsqlDataSource db, IMailSender transport, TimeProvider time, ILogger<OutboxSender> log) =>
        new(db, transport, time, log, mail.FromAddress, TimeSpan.FromSeconds(mail.OutboxLeaseSeconds));
}
