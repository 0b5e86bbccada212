using FoiDesk.Intake;
using FoiDesk.Mail.Imap;

namespace FoiDesk.Web.Hosting;

/// <summary>Chooses the inbox: the configured IMAP mailbox, or the data directory's drop folder.</summary>
public static class MailSources
{
    public static IMailSource Inbox(MailSettings mail, FoiDeskOptions options) => mail.Imap.Configured
        ? new ImapMailSource(new ImapMailbox(mail.Imap.Endpoint()), mail.Imap.Host!, mail.ImapFolder, mail.ImapProcessedFolder)
        : new DropFolderSource(options.InboxDirectory, options.ProcessedDirectory);
}
