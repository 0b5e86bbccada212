using System.Globalization;
using System.Text.RegularExpressions;
using FoiDesk.Deadlines;
using FoiDesk.Mail;
using MimeKit;
using MimeKit.Utils;

namespace FoiDesk.Intake;

/// <summary>
/// When the authority received a message, and the evidence for it. FOIA s10(1) counts from "the date on which
/// the public authority receives the request" (rule book R1): that is when the email reached the authority's
/// mail system, not when FoiDesk happened to read it (a backlog, an outage, or a first start months later).
/// </summary>
/// <param name="At">The received time.</param>
/// <param name="Source">Which evidence gave it: one of the constants below (stored in raw_email.arrived_evidence
/// and foi_case.received_evidence).</param>
/// <param name="ReadAt">When FoiDesk read (stored) the message.</param>
public sealed record ReceiptEvidence(DateTimeOffset At, string Source, DateTimeOffset ReadAt)
{
    /// <summary>The mailbox server's own arrival time (IMAP INTERNALDATE, RFC 9051 2.3.3).</summary>
    public const string InternalDate = "imap-internaldate";

    /// <summary>The newest Received: header stamped by the authority's own mail servers (RFC 5321 4.4).</summary>
    public const string ReceivedHeader = "received-header";

    /// <summary>The sender's Date: header (RFC 5322 3.6.1): when it was sent, so no later than it was received.</summary>
    public const string DateHeader = "date-header";

    /// <summary>No evidence at all: when FoiDesk read it.</summary>
    public const string ReadTime = "read-time";

    /// <summary>An officer corrected the received date (the reason is on the timeline).</summary>
    public const string Officer = "officer";

    /// <summary>More working days than this between receipt and FoiDesk reading the message is flagged at triage.</summary>
    public const int FlagAfterWorkingDays = 5;

    private static readonly Regex ByHost = new(@"\bby\s+\[?([^\s;()\]]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The received time, from the best evidence present, in order: the mailbox's INTERNALDATE; else the newest
    /// Received: header added by one of <paramref name="ownHosts"/> (with none configured, the newest Received:
    /// header at all) whose date parses; else the Date: header when it is not in the future; else
    /// <paramref name="readAt"/>. A drop folder has no INTERNALDATE: a file's time says when it was copied.
    /// </summary>
    public static ReceiptEvidence Decide(ReadMail? message, DateTimeOffset? internalDate, IReadOnlyCollection<string> ownHosts, DateTimeOffset readAt)
    {
        if (internalDate is { } arrived)
        {
            return new ReceiptEvidence(arrived, InternalDate, readAt);
        }

        if (message is not null)
        {
            if (NewestReceived(message.Headers, ownHosts) is { } received)
            {
                return new ReceiptEvidence(received, ReceivedHeader, readAt);
            }

            // A Date: in the future is a wrong clock on the sender's side, not evidence of receipt.
            if (message.Date is { } sent && sent <= readAt)
            {
                return new ReceiptEvidence(sent, DateHeader, readAt);
            }
        }

        return new ReceiptEvidence(readAt, ReadTime, readAt);
    }

    /// <summary>
    /// The newest (topmost: each server prepends its own) Received: header whose "by" host is one of ours, with a
    /// date MimeKit's DateUtils can read; any host when none is configured. A host matches exactly or as a
    /// subdomain (mx1.council.gov.uk matches council.gov.uk).
    /// </summary>
    internal static DateTimeOffset? NewestReceived(HeaderList headers, IReadOnlyCollection<string> ownHosts)
    {
        foreach (var header in headers.Where(h => h.Id == HeaderId.Received))
        {
            var value = header.Value;
            var semicolon = value.LastIndexOf(';');
            if (semicolon < 0)
            {
                continue;
            }

            if (ownHosts.Count > 0 && !(ByHost.Match(value[..semicolon]) is { Success: true } by && IsOurs(by.Groups[1].Value, ownHosts)))
            {
                continue;
            }

            if (DateUtils.TryParse(value[(semicolon + 1)..].Trim(), out var at))
            {
                return at;
            }
        }

        return null;
    }

    private static bool IsOurs(string host, IReadOnlyCollection<string> ownHosts) =>
        ownHosts.Any(own => host.Equals(own, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + own.TrimStart('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why this received date needs an officer's eye, or null: more than <see cref="FlagAfterWorkingDays"/>
    /// working days before FoiDesk read the message (the statutory clock had been running unseen: a backlog, an
    /// outage, or wrong evidence), or later than it (a clock that cannot be right).
    /// </summary>
    /// <param name="holidays">Loaded only when the dates are far enough apart to need counting.</param>
    public async Task<string?> FlagAsync(Func<Task<WorkingCalendar>> holidays)
    {
        if (At > ReadAt)
        {
            return $"received {Show(At)} ({Describe(Source)}), later than FoiDesk read it ({Show(ReadAt)}): check the date";
        }

        var received = LondonTime.DateOf(At);
        var read = LondonTime.DateOf(ReadAt);
        // Five working days need at least six calendar days: most messages never load the holiday table.
        if (read.DayNumber - received.DayNumber <= FlagAfterWorkingDays)
        {
            return null;
        }

        var days = (await holidays()).CountWorkingDays(received, read);
        return days > FlagAfterWorkingDays
            ? $"received {Show(At)} ({Describe(Source)}), {days} working days before FoiDesk read it on {Show(ReadAt)}: check the date"
            : null;
    }

    /// <summary>"from the Date: header", for "Received 16 Apr 2023 (from the Date: header)".</summary>
    public static string Describe(string? source) => source switch
    {
        InternalDate => "from the mailbox's arrival time (IMAP INTERNALDATE)",
        ReceivedHeader => "from our mail server's Received: header",
        DateHeader => "from the Date: header",
        ReadTime => "when FoiDesk read it: the message carried no other evidence",
        Officer => "corrected by an officer",
        _ => "evidence not recorded",
    };

    private static string Show(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, LondonTime.Zone).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
