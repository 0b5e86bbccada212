using System.Text.RegularExpressions;
using FoiDesk.Cases;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Pages.Cases;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>The case timeline reads as sentences: one test case per event kind the code writes.</summary>
public sealed partial class TimelineSentencesTests
{
    private const string Officer = "sam.officer@council.example";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { [Officer] = "Sam Officer" };

    [TestCase("opened", "intake", """{"reference":"FOI-1","questions":7,"proposed":"foi"}""", "Case opened from the request, with 7 questions found; proposed as Freedom of Information (FOIA)")]
    [TestCase("opened-from-holding-pen", Officer, """{"rawEmailId":4}""", "Case opened from a message in the holding pen by Sam Officer")]
    [TestCase("mail-attached", Officer, """{"rawEmailId":4}""", "A message from the holding pen attached to this case by Sam Officer")]
    [TestCase("classification-confirmed", Officer, """{"from":"foi","to":"foi","regime":"foia","status":"open"}""", "Confirmed as Freedom of Information (FOIA) by Sam Officer; the case is now open")]
    [TestCase("requester-changed", Officer, """{"name":true,"email":false,"replyTo":true}""", "Requester's name and reply address corrected by Sam Officer")]
    [TestCase("duplicate-linked", Officer, """{"of":"FOI-2025-0001"}""", "Linked as a duplicate of FOI-2025-0001 by Sam Officer")]
    [TestCase("question-assigned", Officer, """{"question":"2","team":"Finance","assigneeId":null}""", "Question 2 assigned to Finance by Sam Officer")]
    [TestCase("question-claimed", Officer, """{"question":"3"}""", "Question 3 claimed by Sam Officer")]
    [TestCase("question-returned", Officer, """{"question":"5","reason":"Not ours"}""", "Question 5 handed back by Sam Officer: Not ours")]
    [TestCase("question-returned", Officer, """{"questionId":9,"number":"5","reason":"Add the year"}""", "Answer to question 5 returned to its commissioner by Sam Officer: Add the year")]
    [TestCase("question-edited", Officer, """{"question":"1"}""", "Text of question 1 edited by Sam Officer")]
    [TestCase("question-split", Officer, """{"question":"4","into":["4a","4b"]}""", "Question 4 split into 4a and 4b by Sam Officer")]
    [TestCase("questions-merged", Officer, """{"question":"2","with":"3"}""", "Questions 2 and 3 merged by Sam Officer")]
    [TestCase("questions-renumbered", Officer, """{"count":6}""", "Questions renumbered 1 to 6 by Sam Officer")]
    [TestCase("clock-event", Officer, """{"name":"pit_notice_sent","date":"2025-04-08","note":"s43 public interest"}""", "Clock: pit notice sent on Tuesday 8 April 2025 (s43 public interest) by Sam Officer")]
    [TestCase("answer-attachment", Officer, """{"question":"6","file":"returns.xlsx","size":20480}""", "returns.xlsx (20 KB) attached to the answer to question 6 by Sam Officer")]
    [TestCase("social-value-inserted", Officer, """{"question":"7","snapshotId":3}""", "Social value figures from the monitoring data inserted into the answer to question 7 by Sam Officer")]
    [TestCase("answer-drafted", Officer, """{"question":"1","answerKind":"answer","exemption":null}""", "Draft answer to question 1 saved by Sam Officer")]
    [TestCase("answer-submitted", Officer, """{"question":"1","answerKind":"exempt","exemption":"s43(2)"}""", "Answer to question 1 submitted for approval (exempt: s43(2)) by Sam Officer")]
    [TestCase("approved", Officer, """{"approver":"sam.officer@council.example","questions":7}""", "Reply approved (7 questions) by Sam Officer")]
    [TestCase("letter-language-chosen", Officer, """{"language":"cy"}""", "Letters to be written in Welsh by Sam Officer")]
    [TestCase("safety-override", Officer, """{"letter":"response","reason":"checked by hand","findings":[]}""", "Safety check overridden to send the response letter by Sam Officer: checked by hand")]
    [TestCase("deadlines-recomputed", "holidays", """{"reason":"holiday table changed (refresh)","holidayTableVersion":2,"moved":[{"date":"response_due","from":"2025-04-07","to":"2025-04-08"}]}""", "Deadlines recomputed: holiday table changed (refresh); response due now Tuesday 8 April 2025")]
    [TestCase("reply-undelivered", "intake", """{"letter":"acknowledgement","failed":["jo@example.org"],"rawEmailId":8}""", "The acknowledgement letter could not be delivered to jo@example.org")]
    [TestCase("follow-up", "intake", """{"rawEmailId":8,"from":"Jo <jo@example.org>","subject":"Re: your request","text":"Thanks"}""", "Follow-up message from Jo <jo@example.org>: Re: your request")]
    [TestCase("letter-queued", Officer, """{"letter":"response","outgoingId":3,"messageId":"<m@x>"}""", "Response letter queued for sending by Sam Officer")]
    [TestCase("letter-sent", "outbox", """{"letter":"not-held","messageId":"<m@x>","attempts":1}""", "Not held letter sent")]
    [TestCase("letter-failed", "outbox", """{"letter":"response","error":"relay refused"}""", "Response letter could not be sent: relay refused")]
    [TestCase("published", "disclosure-log", """{"outgoingId":3}""", "Published in the disclosure log")]
    [TestCase("publication-failed", "disclosure-log", """{"outgoingId":3,"reason":"personal data found"}""", "Not published in the disclosure log: personal data found")]
    [TestCase("unpublished", "disclosure-log", "{}", "Withdrawn from the disclosure log")]
    [TestCase("publication-chosen", Officer, """{"publish":true}""", "Chosen for the disclosure log by Sam Officer")]
    [TestCase("publication-chosen", Officer, """{"publish":false}""", "Taken off the disclosure log by Sam Officer")]
    public void Sentence_EachKind_ReadsAsASentenceNotJson(string kind, string actor, string detail, string expected)
    {
        Assert.That(TimelineSentences.Sentence(Event(kind, actor, detail), Names), Is.EqualTo(expected));
    }

    [Test]
    public void For_ConsecutiveAssignmentsToOneTeam_OneLineWithTheRange()
    {
        var events = new[]
        {
            Event("question-assigned", Officer, """{"question":"1","team":"Children and families commissioning","assigneeId":null}"""),
            Event("question-assigned", Officer, """{"question":"2","team":"Children and families commissioning","assigneeId":null}"""),
            Event("question-assigned", Officer, """{"question":"3","team":"Children and families commissioning","assigneeId":null}"""),
            Event("question-assigned", Officer, """{"question":"4","team":"Finance","assigneeId":12}"""),
        };

        var lines = TimelineSentences.For(events, Names, new Dictionary<long, string> { [12] = "Cam Commissioner" }).Select(e => e.Sentence);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "Questions 1-3 assigned to Children and families commissioning by Sam Officer",
            "Question 4 assigned to Finance for Cam Commissioner by Sam Officer",
        }));
    }

    [Test]
    public void For_AssignmentsWithTheOutboxSendingMeanwhile_StillOneLineAndTheLetterKeepsItsOwn()
    {
        var events = new[]
        {
            Event("question-assigned", Officer, """{"question":"1","team":"Finance","assigneeId":null}"""),
            Event("letter-sent", "outbox", """{"letter":"acknowledgement"}"""),
            Event("question-assigned", Officer, """{"question":"2","team":"Finance","assigneeId":null}"""),
            Event("question-claimed", Officer, """{"question":"1"}"""),
            Event("question-assigned", Officer, """{"question":"3","team":"Finance","assigneeId":null}"""),
        };

        var lines = TimelineSentences.For(events, Names, new Dictionary<long, string>()).Select(e => e.Sentence);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "Questions 1-2 assigned to Finance by Sam Officer",
            "Acknowledgement letter sent",
            "Question 1 claimed by Sam Officer",
            "Question 3 assigned to Finance by Sam Officer",
        }));
    }

    [Test]
    public void Questions_NotConsecutive_Listed()
    {
        Assert.That(TimelineSentences.Questions(["1", "3", "5a"]), Is.EqualTo("Questions 1, 3 and 5a"));
    }

    [Test]
    public void Sentence_UnknownKindOrBadDetail_WordsNotJson()
    {
        Assert.That(TimelineSentences.Sentence(Event("something-new", Officer, "{\"x\":1}"), Names), Is.EqualTo("Something new by Sam Officer"));
        Assert.That(TimelineSentences.Sentence(Event("question-claimed", Officer, "not json"), Names), Does.StartWith("Question").And.EndWith("claimed by Sam Officer"));
    }

    /// <summary>Every kind written anywhere in src/ has a sentence of its own (not the unknown-kind fallback).</summary>
    [Test]
    public void Sentence_EveryKindTheCodeWrites_HasItsOwnSentence()
    {
        var src = Path.Combine(ProcessRunner.RepositoryRoot, "src");
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (var regex in new[] { AddEvent(), EditKind(), AnswerKind(), SqlKind() })
            {
                foreach (Match m in regex.Matches(text))
                {
                    kinds.Add(m.Groups[1].Value);
                }
            }
        }

        Assert.That(kinds, Has.Count.GreaterThanOrEqualTo(30), string.Join(", ", kinds));
        var fallbacks = kinds.Where(k => TimelineSentences.Sentence(Event(k, "system", Typical), Names) == char.ToUpperInvariant(k[0]) + k[1..].Replace('-', ' ')).ToList();
        Assert.That(fallbacks, Is.Empty, "kinds without a sentence of their own");
    }

    /// <summary>A detail with the fields most kinds carry, so no sentence is empty by accident.</summary>
    private const string Typical = """{"letter":"response","question":"1","team":"Finance","reason":"r"}""";

    private static CaseEventRow Event(string kind, string actor, string detail) => new()
    {
        Id = 1,
        CaseId = 1,
        At = new DateTimeOffset(2025, 4, 2, 9, 0, 0, TimeSpan.Zero),
        Actor = actor,
        Kind = kind,
        Detail = detail,
    };

    [GeneratedRegex("""AddEventAsync\([^"\n;]*?"([a-z][a-z-]*)"\s*,""")]
    private static partial Regex AddEvent();

    [GeneratedRegex("""EditAsync\(c, [^"\n;]*?"([a-z][a-z-]*)"\s*,""")]
    private static partial Regex EditKind();

    [GeneratedRegex("""ChangeAsync\(questionId, accountId, "[a-z-]+", draft, "([a-z][a-z-]*)",""")]
    private static partial Regex AnswerKind();

    [GeneratedRegex("""'([a-z][a-z-]*)',\s*jsonb_build_object""")]
    private static partial Regex SqlKind();
}
