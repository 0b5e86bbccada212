using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Replies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Replies;

/// <summary>The shipped templates and the specimen case (<see cref="SpecimenLetter"/>), for letter tests.</summary>
internal static class SampleLetters
{
    public static readonly string TemplateRoot = Path.Combine(TestContext.CurrentContext.TestDirectory, "templates");

    public static LetterTemplateLibrary Library() => LetterTemplateLibrary.LoadDirectory(TemplateRoot);

    public static LetterRenderer Renderer() => new(Library());

    public static readonly AuthorityDetails Authority = SpecimenLetter.Authority;

    public static LetterModel Full(LetterRegime regime = LetterRegime.Foia) => SpecimenLetter.For(regime);

    /// <summary>The case letter service as the host builds it, over the shipped templates (or the given ones) and the given database.</summary>
    public static CaseLetters CaseLetters(NpgsqlDataSource db, TimeProvider time, LetterTemplateLibrary? templates = null)
    {
        var cases = new CaseStore(db, time);
        var renderer = new LetterRenderer(templates ?? Library());
        var audit = new AuditLog(db, time);
        return new CaseLetters(cases, new CaseClock(cases, new HolidayStore(db, time), time),
            new LetterWording(db, renderer, audit, time),
            new Outbox(time, "foi@wexbridge.example", "FOI team"), Options.Create(new AuthorityOptions()), audit, time,
            new FoiDesk.CostLimit.CostEstimates(db, cases, audit, Options.Create(new FoiDesk.CostLimit.CostLimitOptions()), time));
    }
}
