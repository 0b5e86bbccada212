namespace FoiDesk.Intake;

/// <summary>The "FoiDesk:Intake" configuration section.</summary>
public sealed class IntakeOptions
{
    public const string Section = "FoiDesk:Intake";

    /// <summary>Our case reference in a subject line marks a follow-up (FOI-2025-00123).</summary>
    public string ReferencePattern { get; set; } = @"\bFOI-\d{4}-\d{5}\b";

    /// <summary>Alaveteli sites whose request addresses we recognise.</summary>
    public List<string> AlaveteliDomains { get; set; } = ["whatdotheyknow.com"];

    /// <summary>Scottish public authorities answer under FOISA, on the Scottish calendar.</summary>
    public bool Scottish { get; set; }

    /// <summary>Seconds between mailbox polls (IMAP IDLE wakes the poller sooner when offered).</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>
    /// The authserv-ids (RFC 8601) of the authority's own mail servers, whose Authentication-Results headers are
    /// believed. With none, a follow-up from the requester's address is attached but never restarts the clock
    /// by itself; with some, it must pass DMARC (or aligned DKIM/SPF) there or it is held.
    /// </summary>
    public List<string> TrustedAuthServIds { get; set; } = [];

    /// <summary>
    /// Host names of the authority's own mail servers (FoiDesk__Intake__OwnMailHosts__0 ...): the newest Received:
    /// header one of them added dates a message's receipt when the mailbox has no INTERNALDATE. A subdomain matches
    /// (mx1.council.gov.uk for council.gov.uk). With none, the newest Received: header at all is used.
    /// </summary>
    public List<string> OwnMailHosts { get; set; } = [];
}
