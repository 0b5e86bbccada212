using System.Text;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// Follow-ups are trusted only when earned: a case reference in the subject is public (the disclosure log), so it
/// alone neither attaches a message nor restarts the statutory clock (FOIA s10(6)(b)).
/// </summary>
public sealed class FollowUpTrustTests
{
    private const string OurServer = "mx.council.example";
    private const string Requester = "jo@example.net";
    private const string ClarificationId = "foidesk.clar1@council.example";
    private NpgsqlDataSource _db = null!;
    private ManualTime _time = null!;
    private CaseStore _cases = null!;

    [SetUp]
    public async Task SetUp()
    {
        FoiDesk.Database.DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        _time = new ManualTime(new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero));
        _cases = new CaseStore(_db, _time);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private IntakeProcessor Processor(params string[] trusted) =>
        new(_db, _cases, _time, Options.Create(new IntakeOptions { TrustedAuthServIds = [.. trusted] }), NullLogger<IntakeProcessor>.Instance);

    private static Task<IntakeOutcome> DropAsync(IntakeProcessor processor, string name, string mail) =>
        processor.ProcessAsync(new SourceMessage("drop-folder", name, Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n")), new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);

    /// <summary>A case opened by Jo, with our clarification letter sent and clarification outstanding.</summary>
    private async Task<(long Id, string Reference)> CaseAwaitingClarificationAsync()
    {
        var opened = await DropAsync(Processor(), "request.eml", IntakeDb.Request($"Jo Bloggs <{Requester}>", "Request for information", "r1@example.net", "How many bins were emptied in 2024?"));
        Assert.That(opened.Route, Is.EqualTo(IntakeRoute.Request), opened.Reason);
        var c = (await _cases.FindAsync(opened.CaseReference!, CancellationToken.None))!;
        await using var conn = await _db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) values (@Id, @name, date '2025-05-20', now(), 'officer');
            insert into outgoing_message (case_id, letter, message_id, to_address, subject, text_body, html_body, status, next_attempt_at, created_at, created_by, sent_at)
            values (@Id, 'clarification', @ClarificationId, @Requester, 'Your request', 'Which bins?', '', 'sent', now(), now(), 'officer', now());
            """, new { c.Id, name = ClockEventNames.ClarificationSent, ClarificationId, Requester });
        return (c.Id, c.Reference);
    }

    private async Task<int> ClarificationsReceivedAsync(long caseId) =>
        (await _cases.ClockEventsAsync(caseId, CancellationToken.None)).Count(e => e.Name == ClockEventNames.ClarificationReceived);

    private static string Mail(string from, string subject, string id, string extraHeaders = "") =>
        $"{extraHeaders}From: {from}\nTo: foi@council.example\nSubject: {subject}\nMessage-ID: <{id}>\n\nI meant the green bins.\n";

    [Test]
    public async Task Process_StrangerQuotesReferenceWhileClarificationOutstanding_HeldWithReasonAndClockNotRestarted()
    {
        var c = await CaseAwaitingClarificationAsync();

        var outcome = await DropAsync(Processor(), "stranger.eml", Mail("mallory@example.org", $"Re: {c.Reference}", "m1@example.org"));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held));
        Assert.That(outcome.Reason, Does.Contain(c.Reference).And.Contain("not the case's requester"));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.Zero, "the clock does not restart");
        await using var conn = await _db.OpenConnectionAsync();
        var held = await conn.QuerySingleAsync<(string Route, long? CaseId, string RouteReason)>("select route, case_id, route_reason from incoming_message where message_id = 'm1@example.org'");
        Assert.That(held, Is.EqualTo(("held", (long?)null, outcome.Reason)), "in the holding pen with the reason, on no case");
    }

    [Test]
    public async Task Process_RequesterAuthenticatedByTrustedServer_AttachesAndRestartsClock()
    {
        var c = await CaseAwaitingClarificationAsync();
        var results = $"Authentication-Results: {OurServer};\n dkim=pass header.d=example.net;\n spf=pass smtp.mailfrom=example.net;\n dmarc=pass header.from=example.net\n";

        var outcome = await DropAsync(Processor(OurServer), "jo.eml", Mail(Requester, $"Re: {c.Reference}", "j1@example.net", results));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.FollowUp), outcome.Reason);
        Assert.That(outcome.CaseReference, Is.EqualTo(c.Reference));
        Assert.That(outcome.Reason, Does.Contain("authenticated"));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Process_ReplyThreadingToOurClarificationLetter_AttachesAndRestartsClock()
    {
        var c = await CaseAwaitingClarificationAsync();

        // A different address and no reference: the unguessable Message-ID of our letter is the evidence.
        var outcome = await DropAsync(Processor(OurServer), "reply.eml", Mail("jo.bloggs@work.example", "Re: Your request", "j2@work.example", $"In-Reply-To: <{ClarificationId}>\nReferences: <{ClarificationId}>\n"));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.FollowUp), outcome.Reason);
        Assert.That(outcome.CaseReference, Is.EqualTo(c.Reference));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Process_RequesterUnauthenticatedWithTrustedServerConfigured_HeldAndClockNotRestarted()
    {
        var c = await CaseAwaitingClarificationAsync();
        var results = $"Authentication-Results: {OurServer}; spf=softfail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net\n";

        var outcome = await DropAsync(Processor(OurServer), "jo.eml", Mail(Requester, $"Re: {c.Reference}", "j3@example.net", results));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held));
        Assert.That(outcome.Reason, Does.Contain("did not authenticate").And.Contain("dmarc=fail"));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.Zero);
    }

    [Test]
    public async Task Process_ForgedResultsFromUntrustedServer_Ignored()
    {
        var c = await CaseAwaitingClarificationAsync();
        var forged = "Authentication-Results: mx.attacker.example; dkim=pass header.d=example.net; dmarc=pass header.from=example.net\n";

        var outcome = await DropAsync(Processor(OurServer), "forged.eml", Mail(Requester, $"Re: {c.Reference}", "j4@example.net", forged));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held));
        Assert.That(outcome.Reason, Does.Contain("no Authentication-Results from a trusted server"));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.Zero);
    }

    [Test]
    public async Task Process_RequesterWithNoTrustedServerConfigured_AttachedButClockWaitsForOfficer()
    {
        var c = await CaseAwaitingClarificationAsync();

        var outcome = await DropAsync(Processor(), "jo.eml", Mail($"Jo Bloggs <{Requester}>", $"Re: {c.Reference}", "j5@example.net"));

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.FollowUp), outcome.Reason);
        Assert.That(outcome.Reason, Does.Contain("an officer confirms"));
        Assert.That(await ClarificationsReceivedAsync(c.Id), Is.Zero, "an unproven sender does not restart the clock");
    }

    [TestCase("dkim=pass header.d=example.net; spf=none", SenderCheck.Passed, TestName = "Check_AlignedDkimPassWithoutDmarc_Passes")]
    [TestCase("spf=pass smtp.mailfrom=bounces.example.net", SenderCheck.Passed, TestName = "Check_AlignedSpfPassWithoutDmarc_Passes")]
    [TestCase("dkim=pass header.d=mailer.example.com; spf=pass smtp.mailfrom=mailer.example.com", SenderCheck.Failed, TestName = "Check_PassForAnotherDomain_Fails")]
    [TestCase("dkim=pass header.d=example.net; dmarc=fail header.from=example.net", SenderCheck.Failed, TestName = "Check_DmarcFailDespiteDkimPass_Fails")]
    public void Check_Results_Verdict(string results, SenderCheck expected)
    {
        using var message = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(
            $"Authentication-Results: {OurServer}; {results}\r\nFrom: {Requester}\r\nSubject: x\r\n\r\nx\r\n")));

        var verdict = SenderAuthentication.Check(message.Headers, Requester, [OurServer]);

        Assert.That(verdict.Check, Is.EqualTo(expected), verdict.Why);
    }
}
