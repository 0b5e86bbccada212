using System.Text;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Tests.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using FoiDesk.Tests.Support;
using Npgsql;

namespace FoiDesk.Tests.Intake;

public sealed class IntakeProcessorTests
{
    private static readonly byte[] SeedRequest = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
    private NpgsqlDataSource _db = null!;
    private IntakeProcessor _processor = null!;
    private CaseStore _cases = null!;

    [SetUp]
    public async Task SetUp()
    {
        DapperSetup.Configure();
        _db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
        _cases = new CaseStore(_db, time);
        _processor = new IntakeProcessor(_db, _cases, time, Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static SourceMessage Drop(byte[] bytes, string name, DateTimeOffset? at = null) =>
        new("drop-folder", name, bytes, at ?? new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero));

    [Test]
    public async Task Process_SeedRequest_OpensCaseWithSevenQuestionsAndWdtkReplyAddress()
    {
        var outcome = await _processor.ProcessAsync(Drop(SeedRequest, "seed.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Request), outcome.Reason);
        var c = (await _cases.FindAsync(outcome.CaseReference!, CancellationToken.None))!;
        Assert.That(c.Reference, Is.EqualTo("FOI-2025-00001"));
        Assert.That(c.Regime, Is.EqualTo("foia"));
        Assert.That(c.ReplyToAddress, Is.EqualTo("request-972166-abcd1234@whatdotheyknow.com"));
        Assert.That(c.WdtkRequestId, Is.EqualTo(972166));
        Assert.That(c.PublishedByPlatform, Is.True);
        Assert.That(c.RequestText, Does.Not.Contain("Please use this email address for all replies"), "WhatDoTheyKnow's footer is stripped");
        var questions = await _cases.QuestionsAsync(c.Id, CancellationToken.None);
        Assert.That(questions, Has.Count.EqualTo(7));
        Assert.That(questions[0].Parts, Does.Contain("Independent Fostering Agencies (IFAs)"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<byte[]>("select bytes from raw_email"), Is.EqualTo(SeedRequest), "raw bytes kept unchanged");
    }

    [Test]
    public async Task Process_SameMessageAgain_IsRecognisedAndStoresNothing()
    {
        await _processor.ProcessAsync(Drop(SeedRequest, "seed.eml"), CancellationToken.None);

        var sameKey = await _processor.ProcessAsync(Drop(SeedRequest, "seed.eml"), CancellationToken.None);
        var sameMessage = await _processor.ProcessAsync(Drop(SeedRequest, "copy-of-seed.eml"), CancellationToken.None);

        Assert.That(sameKey.Route, Is.EqualTo(IntakeRoute.Duplicate));
        Assert.That(sameMessage.Route, Is.EqualTo(IntakeRoute.Duplicate));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from raw_email"), Is.EqualTo(1));
    }

    [Test]
    public async Task Process_ReplyFromRequestAddress_IsFollowUpOnTheCase()
    {
        var opened = await _processor.ProcessAsync(Drop(SeedRequest, "seed.eml"), CancellationToken.None);
        var reply = Encoding.UTF8.GetBytes(
            "From: Andrew Bell <request-972166-abcd1234@whatdotheyknow.com>\r\nTo: foi@thurrock.gov.uk\r\n" +
            "Subject: Re: Freedom of Information request - Social Care Value Act 2012\r\nMessage-ID: <f1@whatdotheyknow.com>\r\n\r\nAny news?\r\n");

        var outcome = await _processor.ProcessAsync(Drop(reply, "reply.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.FollowUp), outcome.Reason);
        Assert.That(outcome.CaseReference, Is.EqualTo(opened.CaseReference));
    }

    [Test]
    public async Task Process_ReferenceInSubjectFromStranger_GoesToHoldingPen()
    {
        var opened = await _processor.ProcessAsync(Drop(SeedRequest, "seed.eml"), CancellationToken.None);
        var mail = Encoding.UTF8.GetBytes(
            $"From: someone@example.org\r\nSubject: About {opened.CaseReference!.ToLowerInvariant()}\r\nMessage-ID: <x2@example.org>\r\n\r\nA note.\r\n");

        var outcome = await _processor.ProcessAsync(Drop(mail, "note.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held), "references are public: quoting one proves nothing");
        Assert.That(outcome.Reason, Does.Contain(opened.CaseReference));
    }

    [Test]
    public async Task Process_ReplyToUnknownThread_GoesToHoldingPenWithReason()
    {
        var mail = Encoding.UTF8.GetBytes(
            "From: request-5-deadbeef@whatdotheyknow.com\r\nSubject: Re: something we never sent\r\nIn-Reply-To: <nope@council.example>\r\nMessage-ID: <x3@example.org>\r\n\r\nThanks.\r\n");

        var outcome = await _processor.ProcessAsync(Drop(mail, "stray.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Held));
        Assert.That(outcome.Reason, Does.Contain("matches no case"));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select route from incoming_message"), Is.EqualTo("held"));
    }

    [Test]
    public async Task Process_OutOfOffice_NeverOpensACase()
    {
        var mail = Encoding.UTF8.GetBytes(
            "From: officer@council.example\r\nSubject: Automatic reply: FOI\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <oof@council.example>\r\n\r\nI am out of the office until Monday.\r\n");

        var outcome = await _processor.ProcessAsync(Drop(mail, "oof.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.AutoReply));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from foi_case"), Is.Zero);
    }

    [Test]
    public async Task RunOnce_DropFolder_MovesProcessedFilesAndSecondPassFindsNothing()
    {
        var root = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "seed.eml"), SeedRequest);
        var source = new DropFolderSource(inbox, Path.Combine(root, "processed"));
        var runner = new IntakeRunner(_processor, _db, NullLogger<IntakeRunner>.Instance);

        var first = await runner.RunOnceAsync(source, CancellationToken.None);
        var second = await runner.RunOnceAsync(source, CancellationToken.None);

        Assert.That(first.Opened, Is.EqualTo(1));
        Assert.That(second, Is.EqualTo(new IntakeCounts()));
        Assert.That(File.Exists(Path.Combine(root, "processed", "seed.eml")), Is.True);
        Directory.Delete(root, recursive: true);
    }
    [Test]
    public async Task RunOnce_EmptyPass_LogsAtDebugAndAPassWithMailAtInformation()
    {
        // Intake polls every 15 seconds: an Information line for every empty pass buried the log.
        var root = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        var source = new DropFolderSource(inbox, Path.Combine(root, "processed"));
        var logger = new RecordingLogger<IntakeRunner>();
        var runner = new IntakeRunner(_processor, _db, logger);

        await runner.RunOnceAsync(source, CancellationToken.None);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "seed.eml"), SeedRequest);
        await runner.RunOnceAsync(source, CancellationToken.None);

        var passes = logger.Entries.Where(e => e.Message.StartsWith("Intake pass:", StringComparison.Ordinal)).ToList();
        Assert.That(passes.Select(p => (p.Level, p.Message[..23])), Is.EqualTo(new[]
        {
            (LogLevel.Debug, "Intake pass: 0 messages"),
            (LogLevel.Information, "Intake pass: 1 messages"),
        }));
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public async Task RunOnce_FollowUpBehindItsRequestInOnePass_FollowUpFindsTheCase()
    {
        // Messages are read ahead of storage, but stored in arrival order: a reply that arrives right behind
        // its request, in the same pass, must find the case that request opened.
        var root = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        var at = new DateTime(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        void Write(string name, string mail, int minute)
        {
            var path = Path.Combine(inbox, name);
            File.WriteAllText(path, mail.ReplaceLineEndings("\r\n"));
            File.SetLastWriteTimeUtc(path, at.AddMinutes(minute));
        }

        for (var i = 1; i <= 40; i++)
        {
            Write($"z-request-{i:D2}.eml", IntakeDb.Request($"request-{1000 + i}-abcd{i:D4}@whatdotheyknow.com", $"Freedom of Information request - Topic {i}", $"r{i}@example.org", $"How many permits of type {i} were issued in 2024?"), i);
        }

        Write("a-follow-up.eml", $"From: request-1040-abcd0040@whatdotheyknow.com\nTo: foi@council.example\nSubject: Re: Freedom of Information request - Topic 40\nMessage-ID: <f40@example.org>\n\nSorry, I meant 2023 as well.\n", 41);
        var runner = new IntakeRunner(_processor, _db, NullLogger<IntakeRunner>.Instance);

        var counts = await runner.RunOnceAsync(new DropFolderSource(inbox, Path.Combine(root, "processed")), CancellationToken.None);

        Assert.That(counts, Is.EqualTo(new IntakeCounts { Opened = 40, FollowUps = 1 }));
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.QuerySingleAsync<string>("""
            select c.subject from incoming_message i join foi_case c on c.id = i.case_id where i.route = 'follow-up'
            """), Is.EqualTo("Freedom of Information request - Topic 40"));
        Assert.That(await conn.ExecuteScalarAsync<string>("select string_agg(reference, ',' order by id) from foi_case where subject like '%Topic 1'"),
            Is.EqualTo("FOI-2025-00001"), "stored in arrival order, so references follow it");
        Assert.That(Directory.GetFiles(inbox), Is.Empty);
        Directory.Delete(root, recursive: true);
    }
    [Test]
    public async Task Process_NulBytesInHeadersAndBody_StoredAndRoutedNotStuck()
    {
        // PostgreSQL text cannot hold U+0000, and broken mailers do send NUL bytes. The message must still be
        // stored (raw bytes unchanged) and routed, never left at the head of the mailbox failing for ever.
        var mail = Encoding.UTF8.GetBytes("From: Sam <sam@example.org>\r\nSubject: FOI\0 request\r\nMessage-ID: <nul@example.org>\r\n\r\nDear Council,\r\n\r\n1. How many\0 permits were issued in 2024?\r\n\r\nYours faithfully,\r\nSam\r\n");

        var outcome = await _processor.ProcessAsync(Drop(mail, "nul.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Request), outcome.Reason);
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<byte[]>("select bytes from raw_email"), Is.EqualTo(mail));
        Assert.That(await conn.ExecuteScalarAsync<string>("select text from question"), Is.EqualTo("How many\uFFFD permits were issued in 2024?"));
    }
    [Test]
    public async Task RunOnce_OneMessageCannotBeStored_RestOfItsGroupStoredAndItStaysForNextPass()
    {
        // Messages are committed in groups; a message the database refuses must not take its group down with it.
        var root = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        var inbox = Path.Combine(root, "inbox");
        Directory.CreateDirectory(inbox);
        for (var i = 1; i <= 5; i++)
        {
            var name = i == 3 ? "poison.eml" : $"request-{i}.eml";
            await File.WriteAllTextAsync(Path.Combine(inbox, name), IntakeDb.Request($"sam{i}@example.org", $"FOI {i}", $"m{i}@example.org", $"How many permits of type {i} were issued?").ReplaceLineEndings("\r\n"));
        }

        await using (var conn = await _db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("alter table raw_email add constraint test_refuses_poison check (source_key <> 'poison.eml')");
        }

        var source = new DropFolderSource(inbox, Path.Combine(root, "processed"));
        var runner = new IntakeRunner(_processor, _db, NullLogger<IntakeRunner>.Instance);

        var first = await runner.RunOnceAsync(source, CancellationToken.None);

        Assert.That(first, Is.EqualTo(new IntakeCounts { Opened = 4 }));
        Assert.That(Directory.GetFiles(inbox).Select(Path.GetFileName), Is.EqualTo(new[] { "poison.eml" }));

        await using (var conn = await _db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("alter table raw_email drop constraint test_refuses_poison");
        }

        var second = await runner.RunOnceAsync(source, CancellationToken.None);

        Assert.That(second, Is.EqualTo(new IntakeCounts { Opened = 1 }));
        Assert.That(Directory.GetFiles(inbox), Is.Empty);
        Directory.Delete(root, recursive: true);
    }
    [Test]
    public async Task Process_MessageIdLongerThanALine_StoredWithoutIt()
    {
        // RFC 5322 2.1.1: no line may exceed 998 characters, so no real Message-ID can. A longer one (random, so
        // incompressible) would not fit PostgreSQL's index on message ids; the message is stored without it.
        var random = new Random(7);
        var id = string.Concat(Enumerable.Range(0, 3000).Select(_ => (char)('a' + random.Next(26))));
        var mail = Encoding.UTF8.GetBytes($"From: sam@example.org\r\nSubject: FOI\r\nMessage-ID: <{id}@example.org>\r\n\r\n1. How many permits were issued in 2024?\r\n");

        var outcome = await _processor.ProcessAsync(Drop(mail, "long-id.eml"), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(IntakeRoute.Request), outcome.Reason);
        await using var conn = await _db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<byte[]>("select bytes from raw_email"), Is.EqualTo(mail));
    }
    [Test]
    public async Task RunOnce_LargeMessages_UnstoredBytesStayBounded()
    {
        // Reading ahead and filling a group must not hold a run of large messages in memory all at once: past
        // 64 MB read-but-unstored, the group is stored early.
        var source = new CountingSource(count: 10, size: 12 * 1024 * 1024);
        var runner = new IntakeRunner(_processor, _db, NullLogger<IntakeRunner>.Instance);

        var counts = await runner.RunOnceAsync(source, CancellationToken.None);

        Assert.That(counts.Opened, Is.EqualTo(10));
        Assert.That(source.MostUnacknowledgedBytes, Is.LessThanOrEqualTo(64L * 1024 * 1024 + 12 * 1024 * 1024 + 1024));
    }

    /// <summary>A mailbox of large requests that records how many bytes were read and not yet acknowledged.</summary>
    private sealed class CountingSource(int count, int size) : IMailSource
    {
        private long _unacknowledged;

        public long MostUnacknowledgedBytes { get; private set; }

        public string Name => "counting";

        public async IAsyncEnumerable<SourceMessage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            for (var i = 1; i <= count; i++)
            {
                var head = $"From: sam{i}@example.org\r\nSubject: FOI {i}\r\nMessage-ID: <big{i}@example.org>\r\n\r\n1. How many permits of type {i} were issued?\r\n\r\n";
                var bytes = Encoding.ASCII.GetBytes(head + new string('x', size - head.Length - 2) + "\r\n");
                _unacknowledged += bytes.Length;
                MostUnacknowledgedBytes = Math.Max(MostUnacknowledgedBytes, _unacknowledged);
                await Task.Yield();
                yield return new SourceMessage(Name, $"big-{i}", bytes, null);
            }
        }

        public Task AcknowledgeAsync(SourceMessage message, CancellationToken ct)
        {
            _unacknowledged -= message.Bytes.Length;
            return Task.CompletedTask;
        }
    }
}
