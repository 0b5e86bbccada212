using System.Text;
using Dapper;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Intake;
using FoiDesk.Notifications;
using FoiDesk.Replies;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiDesk.Tests.Replies;

/// <summary>
/// Every shipped template (English, Welsh and the internal reminder digest) rendered against every demo case
/// and a set of representative cases, compared byte for byte with files committed in golden/baseline. The files
/// were written by the hand-written template engine before letters moved to Handlebars.Net (issue 15), so this
/// test shows that no letter changed; it stays to catch any later change to what a letter says. A mismatch
/// writes *.actual beside the golden file.
/// </summary>
public sealed class LetterBaselineTests
{
    private static readonly string GoldenDir = Path.Combine(SourceDir(), "golden", "baseline");

    public static IEnumerable<TestCaseData> ModelCases()
    {
        foreach (var name in Models.Keys)
        {
            foreach (var language in Enum.GetValues<LetterLanguage>())
            {
                yield return new TestCaseData(name, language).SetName($"Render_{name}_{LetterFormat.Code(language)}_MatchesBaseline");
            }
        }
    }

    [TestCaseSource(nameof(ModelCases))]
    public void Render_RepresentativeCase_MatchesBaseline(string name, LetterLanguage language)
    {
        var renderer = SampleLetters.Renderer();
        var sb = new StringBuilder();
        foreach (var id in LetterIds.All)
        {
            Append(sb, id, LetterRenderer.Render(renderer.Shipped(id, language), Models[name]));
        }
        AssertGolden($"{name}.{LetterFormat.Code(language)}.txt", sb.ToString());
    }

    /// <summary>The demo request (demo/mail), opened by intake into a real database, as it is and once answered.</summary>
    [TestCase(LetterLanguage.English)]
    [TestCase(LetterLanguage.Welsh)]
    public async Task Render_DemoCase_MatchesBaseline(LetterLanguage language)
    {
        DapperSetup.Configure();
        await using var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(new DateTimeOffset(2025, 3, 20, 11, 0, 0, TimeSpan.Zero));
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));
        var opened = await new IntakeProcessor(db, new CaseStore(db, time), time, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance)
            .ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.Zero)), CancellationToken.None);
        var reference = opened.CaseReference!;
        var letters = SampleLetters.CaseLetters(db, time);
        var code = LetterFormat.Code(language);

        var sb = new StringBuilder();
        foreach (var id in LetterIds.All)
        {
            Append(sb, id, await letters.RenderAsync(reference, id, "Iris Officer", CancellationToken.None, code));
        }
        AssertGolden($"demo-opened.{code}.txt", sb.ToString());

        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                update question set answer = case when position = 4 then '' else 'We hold this information: see **the table** below.' || E'\n\n' || '| Service | Weighting |' || E'\n' || '|---|--:|' || E'\n' || '| IFAs | 10% |' end,
                  answer_kind = case when position = 4 then 'not-held' else 'answer' end, status = 'approved'
                """);
        }
        sb.Clear();
        foreach (var id in new[] { LetterIds.Response, LetterIds.NotHeld })
        {
            Append(sb, id, await letters.RenderAsync(reference, id, "Iris Officer", CancellationToken.None, code));
        }
        AssertGolden($"demo-answered.{code}.txt", sb.ToString());
    }

    /// <summary>The morning digest (templates/internal), rendered the way <see cref="ReminderDigests"/> renders it.</summary>
    [Test]
    public void Render_ReminderDigest_MatchesBaseline()
    {
        var template = DigestTemplate.Load(SampleLetters.TemplateRoot);
        TemplateScope Item(string reference, int? question, DateOnly due, string link) => new(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["case"] = reference,
            ["question"] = question,
            ["due"] = due,
            ["link"] = new LinkValue(link),
        });
        var full = new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = "Cam <Commissioner> *the* [first](javascript:x)",
            ["day"] = new DateOnly(2025, 3, 24),
            ["count"] = 5,
            ["escalations"] = new List<TemplateScope> { Item("FOI-2025-0001", 2, new DateOnly(2025, 3, 26), "http://127.0.0.1:5080/cases/FOI-2025-0001") },
            ["caseDue"] = new List<TemplateScope> { Item("FOI-2025-0002", null, new DateOnly(2025, 3, 25), "http://127.0.0.1:5080/cases/FOI-2025-0002") },
            ["icoDue"] = new List<TemplateScope> { Item("FOI-2025-0004", null, new DateOnly(2025, 3, 26), "http://127.0.0.1:5080/cases/FOI-2025-0004") },
            ["reminders"] = new List<TemplateScope>
            {
                Item("FOI-2025-0003", 1, new DateOnly(2025, 3, 24), "http://127.0.0.1:5080/my-questions/17"),
                Item("FOI-2025-0003", 3, new DateOnly(2025, 3, 24), "javascript:alert(1)"),
            },
        });
        var onlyReminders = new TemplateScope(new Dictionary<string, object?>(full.Values, StringComparer.Ordinal)
        {
            ["count"] = 1,
            ["escalations"] = new List<TemplateScope>(),
            ["caseDue"] = new List<TemplateScope>(),
            ["icoDue"] = new List<TemplateScope>(),
        });

        var sb = new StringBuilder();
        foreach (var (label, scope) in new[] { ("full", full), ("only-reminders", onlyReminders) })
        {
            var body = TemplateEngine.Render(template.Body, scope, LetterLanguage.English);
            var subject = TemplateEngine.Render(template.Subject, scope, LetterLanguage.English);
            var doc = LetterMarkdown.Parse(body.Markdown);
            sb.Append("=== ").Append(label).Append(" ===\n")
                .Append("Subject: ").Append(LetterMarkdown.ToText(subject.Markdown).ReplaceLineEndings(" ").Trim()).Append('\n')
                .Append("Problems: ").AppendJoin(", ", body.MissingFields.Concat(body.UnknownFields).Concat(subject.MissingFields).Concat(subject.UnknownFields)).Append('\n')
                .Append("--- text\n").Append(LetterMarkdown.ToText(doc)).Append('\n')
                .Append("--- html\n").Append(LetterMarkdown.ToHtmlFragment(doc)).Append('\n');
        }
        AssertGolden("reminder-digest.txt", sb.ToString());
    }

    private static void Append(StringBuilder sb, string id, RenderedLetter letter)
    {
        sb.Append("=== ").Append(id).Append(" ===\n")
            .Append("Subject: ").Append(letter.Subject).Append('\n')
            .Append("Missing: ").AppendJoin(", ", letter.MissingFields).Append('\n')
            .Append("Problems: ").AppendJoin(" | ", letter.Problems.Select(p => $"{p.Rule}: {p.Detail}")).Append('\n')
            .Append("--- text\n").Append(letter.Text).Append('\n')
            .Append("--- html\n").Append(letter.Html).Append('\n');
    }

    private static void AssertGolden(string file, string actual)
    {
        var path = Path.Combine(GoldenDir, file);
        if (!File.Exists(path) || File.ReadAllText(path) != actual)
        {
            Directory.CreateDirectory(GoldenDir);
            File.WriteAllText(path + ".actual", actual);
        }
        Assert.That(File.Exists(path), Is.True, $"no golden file; review {path}.actual and rename it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"{file} differs; see {path}.actual");
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(file)!;

    /// <summary>
    /// The specimen under both regimes; a case with every optional field empty (the missing-field report); and a
    /// hostile case whose requester-supplied text carries Markdown, HTML, template braces and bad links.
    /// </summary>
    private static readonly Dictionary<string, LetterModel> Models = new(StringComparer.Ordinal)
    {
        ["specimen-foia"] = SpecimenLetter.For(LetterRegime.Foia),
        ["specimen-eir"] = SpecimenLetter.For(LetterRegime.Eir) with { ReplyToSubject = "Re: Fwd: EIR request - air quality monitoring" },
        ["empty"] = new LetterModel
        {
            CaseReference = "FOI-2024-0001",
            Regime = LetterRegime.Foia,
            Authority = new AuthorityDetails { Name = "Wexbridge County Council", FoiEmail = "foi@wexbridge.example", Address = [] },
            Requester = new RequesterDetails { Name = "  ", Email = "" },
            Officer = new OfficerSignature { Name = "Wexbridge County Council Information Governance Team", JobTitle = "Information Governance Officer" },
            Dates = new LetterDates { LetterDate = new DateOnly(2024, 1, 2), Received = new DateOnly(2024, 1, 1) },
            Questions = [new QuestionAnswer { Number = 1, Question = "Everything?" }],
            Exemptions = [new ExemptionApplied { Section = "", Name = "Personal information", Qualified = false }],
        },
        ["hostile"] = SpecimenLetter.For(LetterRegime.Eir) with
        {
            CaseReference = "EIR-2025-0099",
            ReplyToSubject = "Freedom of Information request - <b>bold</b> & *stars* {{ case.reference }}",
            Authority = SpecimenLetter.Authority with
            {
                Name = "Anytown & District <Council>",
                Address = ["# Civic Centre", "  1 High Street", "Anytown*", "AN1 1AA"],
                Website = "https://x.example/a b",
            },
            Requester = new RequesterDetails
            {
                Name = "<script>alert(1)</script> *Jane* [x](javascript:alert(1)) &amp; {{ officer.name }} \\o/",
                Email = "javascript:alert(1)",
            },
            Officer = new OfficerSignature { Name = "Siân O'Brien-Jones", JobTitle = "Swyddog Llywodraethu Gwybodaeth" },
            Questions =
            [
                new QuestionAnswer
                {
                    Number = 1,
                    Question = "    indented code?\r\n> quoted\r\n- listed\n1. numbered\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)>\n`tick` ~~strike~~ _under_ ==mark== :colon: \"quote\" 'apos'",
                    Answer = "Yes. <img src=x onerror=alert(1)> [ok](https://ico.org.uk/) [bad](javascript:alert(1))",
                    Attachments = ["report <final>.pdf", "*notes*.docx"],
                },
                new QuestionAnswer { Number = 2, Question = "=SUM(A1:A9) +1 -1 @cmd", Answer = "   " },
            ],
            Exemptions =
            [
                new ExemptionApplied
                {
                    Section = "reg 12(5)(e)",
                    Name = "Commercial <confidentiality>",
                    Qualified = true,
                    Reasoning = "**Reasons** with <em>html</em>.",
                    PublicInterest = null,
                    Questions = [2, 1],
                },
                new ExemptionApplied { Section = "s.40(2)", Name = "Personal data", Qualified = false, Reasoning = "Names of junior staff." },
            ],
            FeeAmount = 1234.5m,
            FeeBreakdown = "1. one\n2. two <b>",
            Transfer = new TransferTarget { AuthorityName = "Other & Co", Email = "foi@other.example", Website = "https://other.example/foi?x=1&y=2" },
            Review = new ReviewOutcome { Decision = "_not_ upheld", Findings = "Findings.", ReviewerName = null },
        },
    };
}
