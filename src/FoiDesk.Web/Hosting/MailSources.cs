using FoiDesk.Intake;
using FoiDesk.Mail;
using FoiDesk.Replies;

namespace FoiDesk.Web.Hosting;

/// <summary>Chooses the inbox: the configured IMAP mailbox, or the data directory's drop folder.</summary>
public static class MailSources
{
    public static IMailSource Inbox(MailSettings mail, FoiDeskOptions options) => mail.Imap.Configured
        ? new ImapMailSource(new ImapMailbox(mail.Imap.Endpoint()), mail.Imap.Host!, mail.ImapFolder, mail.ImapProcessedFolder)
        : new DropFolderSource(options.InboxDirectory, options.ProcessedDirectory);

    /// <summary>The configured SMTP relay, or the data directory's pickup folder.</summary>
    public static IMailSender Outbox(MailSettings mail, FoiDeskOptions options) => mail.Smtp.Configured
        ? new SmtpMailSender(mail.Smtp.Endpoint())
        : new PickupFolderSender(options.OutboxDirectory);
}
