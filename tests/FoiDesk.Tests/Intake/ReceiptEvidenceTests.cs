using System.Text;
using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FoiDesk.Tests.Intake;

/// <summary>
/// Receipt is dated from evidence (issue 14 item 4): INTERNALDATE, else our servers' newest Received: header, else
/// a Date: not in the future, else the read time; flagged when far before, or after, FoiDesk read it; an officer
/// corrects it with a reason and every date follows. Against real PostgreSQL.
/// </summary>
public sealed class ReceiptEvidenceTests
{
    /// <summary>The day FoiDesk reads the mail in these tests: Monday 7 December 2026, 10:00 London (GMT).</summary>
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private const string Body = "\nDear Council,\n\nPlease provide:\n\n1. How many potholes were repaired in 2025?\n\nYours faithfully,\n\nA Requester\n";

    private IntakeDb _t = null!;

    [SetUp]
    public async Task SetUp()
    {
        _t = await IntakeDb.CreateAsync();
        _t.Time.Set(ReadAt);
    }

    [TearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    private IntakeProcessor Processor(params string[] ownHosts) =>
        new(_t.Db, _t.Cases, _t.Time, Options.Create(new IntakeOptions { OwnMailHosts = [.. ownHosts] }), NullLogger<IntakeProcessor>.Instance);

    private static string Mail(string id, params string[] headers) =>
        string.Concat(headers.Select(h => h + "\n")) + $"From: a@example.org\nTo: foi@council.example\nSubject: Potholes {id}\nMessage-ID: <{id}@example.org>\n" + Body;

    private async Task<CaseRow> OpenAsync(IntakeProcessor processor, string mail, DateTimeOffset? internalDate = null, string source = "imap:mail/INBOX")
    {
        var outcome = await processor.ProcessAsync(new SourceMessage(source, Guid.NewGuid().ToString("N"), Encoding.UTF8.GetBytes(mail.ReplaceLineEndings("\r\n")), internalDate), CancellationToken.None);
        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Request), outcome.Reason);
        return (await _t.Cases.FindAsync(outcome.CaseReference!, CancellationToken.None))!;
    }

    private const string OurReceived = "Received: from relay.council.example (relay.council.example [10.0.0.2]) by mail.council.example (Postfix) with ESMTP id 1; Thu, 3 Dec 2026 14:05:00 +0000";
    private const string TheirReceived = "Received: from mail.council.example by backup.archive.example with LMTP id 2; Fri, 4 Dec 2026 09:00:00 +0000";
    private const string SenderReceived = "Received: from laptop by smtp.example.org with ESMTPSA id 3; Wed, 2 Dec 2026 16:00:00 +0000";
    private const string Date = "Date: Wed, 2 Dec 2026 15:59:00 +0000";

    [Test]
    public async Task Receipt_ImapInternalDate_WinsOverHeaders()
    {
        var internalDate = new DateTimeOffset(2026, 12, 4, 8, 30, 0, TimeSpan.Zero);

        var c = await OpenAsync(Processor("council.example"), Mail("a1", OurReceived, Date), internalDate);

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((internalDate, ReceiptEvidence.InternalDate)));
        await using var conn = await _t.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select arrived_evidence from raw_email"), Is.EqualTo(ReceiptEvidence.InternalDate), "the raw mail keeps it too");
    }

    [Test]
    public async Task Receipt_NoInternalDate_NewestReceivedByOurOwnHost()
    {
        // Newest first, as servers prepend: an archive copy stamped by someone else's host, then ours, then the sender's.
        var c = await OpenAsync(Processor("council.example"), Mail("a2", TheirReceived, OurReceived, SenderReceived, Date));

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((new DateTimeOffset(2026, 12, 3, 14, 5, 0, TimeSpan.Zero), ReceiptEvidence.ReceivedHeader)));
    }

    [Test]
    public async Task Receipt_NoOwnHostsConfigured_NewestReceivedAtAll()
    {
        var c = await OpenAsync(Processor(), Mail("a3", TheirReceived, OurReceived, SenderReceived, Date));

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero), ReceiptEvidence.ReceivedHeader)));
    }

    [Test]
    public async Task Receipt_OnlyOthersReceivedHeaders_FallsToDateHeader()
    {
        var c = await OpenAsync(Processor("council.example"), Mail("a4", SenderReceived, Date));

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((new DateTimeOffset(2026, 12, 2, 15, 59, 0, TimeSpan.Zero), ReceiptEvidence.DateHeader)));
        Assert.That(c.ReceivedFlag, Is.Null, "three working days before it was read is not odd");
    }

    [Test]
    public async Task Receipt_DateInTheFuture_IgnoredForReadTime()
    {
        var c = await OpenAsync(Processor(), Mail("a5", "Date: Fri, 1 Jan 2027 09:00:00 +0000"));

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((ReadAt, ReceiptEvidence.ReadTime)));
        Assert.That(c.ReceivedFlag, Is.Null);
    }

    [Test]
    public async Task Receipt_DropFolder_FileTimeIsNotEvidence()
    {
        var inbox = Directory.CreateTempSubdirectory("foidesk-receipt-").FullName;
        try
        {
            var path = Path.Combine(inbox, "no-date.eml");
            await File.WriteAllTextAsync(path, Mail("a6").ReplaceLineEndings("\r\n"));
            File.SetLastWriteTimeUtc(path, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));
            var source = new DropFolderSource(inbox, Path.Combine(inbox, "done"));
            var processor = Processor();
            await foreach (var message in source.ReadAsync(CancellationToken.None))
            {
                Assert.That(message.ArrivedAt, Is.Null);
                await processor.ProcessAsync(message, CancellationToken.None);
            }

            var c = (await _t.Cases.ListAsync(10, CancellationToken.None)).Single();
            Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((ReadAt, ReceiptEvidence.ReadTime)));
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    [Test]
    public async Task Flag_MoreThanFiveWorkingDaysBeforeRead_Flagged()
    {
        // FOIA's calendar skips a bank holiday in any part of the UK (rule book 2.3), St Andrew's Day (Monday 30
        // November, Scotland) among them. Thursday 26 November: 27 Nov, 1-4 and 7 Dec are six working days.
        var late = await OpenAsync(Processor(), Mail("f1", "Date: Thu, 26 Nov 2026 16:00:00 +0000"));
        // Friday 27 November: five working days, not more.
        var fine = await OpenAsync(Processor(), Mail("f2", "Date: Fri, 27 Nov 2026 09:00:00 +0000"));

        Assert.That(late.ReceivedFlag, Does.Contain("6 working days before FoiDesk read it"));
        Assert.That(fine.ReceivedFlag, Is.Null);
        var queue = await new FoiDesk.Cases.Triage(_t.Cases).QueueAsync(CancellationToken.None);
        Assert.That(queue.NewCases.Single(n => n.Reference == late.Reference).ReceivedFlag, Is.EqualTo(late.ReceivedFlag), "the triage queue shows it");
    }

    [Test]
    public async Task Flag_ReceivedAfterRead_Flagged()
    {
        var c = await OpenAsync(Processor(), Mail("f3", "Received: from x by mail.council.example; Tue, 8 Dec 2026 10:00:00 +0000"));

        Assert.That(c.ReceivedEvidence, Is.EqualTo(ReceiptEvidence.ReceivedHeader));
        Assert.That(c.ReceivedFlag, Does.Contain("later than FoiDesk read it"));
    }

    [Test]
    public async Task Correct_OfficerWithReason_RecomputesDueDatesOnTimelineAndAudited()
    {
        var c = await OpenAsync(Processor(), Mail("c1", "Date: Thu, 26 Nov 2026 16:00:00 +0000"));
        var clock = new CaseClock(_t.Cases, _t.Holidays, _t.Time);
        var before = (await clock.ComputeAsync(c, CancellationToken.None))!.Dates[DateNames.ResponseDue];
        var correction = new ReceiptCorrection(_t.Cases, new AuditLog(_t.Db, _t.Time), _t.Time);

        var moved = await correction.CorrectAsync(c, new DateOnly(2026, 11, 20), "first sent to the planning inbox on 20 November", null, "officer@council.example", CancellationToken.None);

        var after = (await _t.Cases.FindAsync(c.Reference, CancellationToken.None))!;
        var due = (await clock.ComputeAsync(after, CancellationToken.None))!.Dates[DateNames.ResponseDue];
        // Thursday 26 November: day 1 Friday 27th, St Andrew's Day (30th), Christmas and Boxing Day (substitute
        // Monday 28th) skipped: Tuesday 29 December. Friday 20 November: day 1 Monday 23rd, St Andrew's Day skipped:
        // Monday 21 December.
        Assert.That((before, due), Is.EqualTo((new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 21))));
        Assert.That(moved.Single(m => m.Name == DateNames.ResponseDue).To, Is.EqualTo(due));
        Assert.That((after.ReceivedEvidence, after.ReceivedFlag), Is.EqualTo((ReceiptEvidence.Officer, (string?)null)));
        var timeline = await _t.Cases.TimelineAsync(c.Id, CancellationToken.None);
        Assert.That(timeline.Single(e => e.Kind == "received-corrected").Detail, Does.Contain("planning inbox").And.Contain("2026-12-21"));
        await using var conn = await _t.Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select actor || '/' || subject from audit_event where action = 'received-date-corrected'"),
            Is.EqualTo($"officer@council.example/{c.Reference}"));
    }

    [Test]
    public async Task Correct_NoReason_RefusedAndNothingChanges()
    {
        var c = await OpenAsync(Processor(), Mail("c2", Date));
        var correction = new ReceiptCorrection(_t.Cases, new AuditLog(_t.Db, _t.Time), _t.Time);

        Assert.ThrowsAsync<ReceiptCorrectionException>(() => correction.CorrectAsync(c, new DateOnly(2026, 11, 20), "  ", null, "officer", CancellationToken.None));
        Assert.ThrowsAsync<ReceiptCorrectionException>(() => correction.CorrectAsync(c, new DateOnly(2026, 12, 8), "tomorrow", null, "officer", CancellationToken.None));

        Assert.That((await _t.Cases.FindAsync(c.Reference, CancellationToken.None))!.ReceivedAt, Is.EqualTo(c.ReceivedAt));
    }

    /// <summary>
    /// The seed request as the repository ships it (demo/mail: Date Monday 10 March 2025, no Received: header),
    /// dropped into the inbox folder on 7 December 2026: received from its Date header, due 20 working days from
    /// Tuesday 11 March (rule book R1, R2), skipping St Patrick's Day (Monday 17 March, Northern Ireland: FOIA's
    /// calendar skips a bank holiday in any part of the UK, rule book 2.3) = Tuesday 8 April 2025; flagged.
    /// </summary>
    [Test]
    public async Task Seed_DroppedInLate_ReceivedFromDateHeaderAndFlagged()
    {
        var seed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));

        var c = await OpenAsync(_t.Processor, seed, source: "drop-folder");

        Assert.That((c.ReceivedAt, c.ReceivedEvidence), Is.EqualTo((new DateTimeOffset(2025, 3, 10, 9, 14, 3, TimeSpan.Zero), ReceiptEvidence.DateHeader)));
        Assert.That(Due(c), Is.EqualTo(new DateOnly(2025, 4, 8)));
        Assert.That(c.ReceivedFlag, Does.StartWith("received 10 Mar 2025 09:14 (from the Date: header)"));
    }

    /// <summary>
    /// The example: the seed request as sent, Sunday 16 April 2023. Day 1 is Monday 17 April; Monday 1 May
    /// (early May) and Monday 8 May (the Coronation) are bank holidays in all of the UK; the 20th working day is
    /// Tuesday 16 May 2023.
    /// </summary>
    [Test]
    public async Task Seed_SentSunday16April2023_DueTuesday16May2023AndFlagged()
    {
        var seed = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml")))
            .Replace("Date: Mon, 10 Mar 2025 09:14:03 +0000", "Date: Sun, 16 Apr 2023 18:02:11 +0100", StringComparison.Ordinal);

        var c = await OpenAsync(_t.Processor, seed, source: "drop-folder");

        Assert.That((FoiDesk.LondonTime.DateOf(c.ReceivedAt), c.ReceivedEvidence), Is.EqualTo((new DateOnly(2023, 4, 16), ReceiptEvidence.DateHeader)));
        Assert.That(Due(c), Is.EqualTo(new DateOnly(2023, 5, 16)));
        Assert.That(c.ReceivedFlag, Does.StartWith("received 16 Apr 2023 18:02 (from the Date: header)").And.Contain("before FoiDesk read it on 7 Dec 2026"));
    }

    private static DateOnly Due(CaseRow c) => CaseClock.Compute(c, Array.Empty<ClockEvent>(), HolidayTable.Embedded)!.Dates[DateNames.ResponseDue];
}
