using System.Text;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Intake;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Intake;

public sealed class WelshTextTests
{
    private const string WelshRequest = """
        Annwyl Gyngor,

        Hoffwn wneud cais o dan Ddeddf Rhyddid Gwybodaeth 2000 am yr wybodaeth ganlynol:

        1. Faint o dyllau yn y ffordd a gafodd eu trwsio gan y cyngor yn y flwyddyn ariannol 2023-24?
        2. Beth oedd cyfanswm y gost o drwsio'r tyllau hyn?

        Diolch yn fawr,
        Siân Jones
        """;

    // Welsh Language Standards: a request written in Welsh is answered in Welsh, so intake proposes it.
    [TestCase(WelshRequest, true)]
    [TestCase("Mae gen i gais am wybodaeth am y llyfrgelloedd yn eich ardal chi, os gwelwch yn dda.", true)] // one Welsh sentence
    [TestCase("Dear Council, please tell me how many potholes were repaired near Betws-y-Coed and Llanfair Pwllgwyngyll in 2023.", false)] // Welsh place names in English
    [TestCase("Dear Sir, I am writing to request a copy of the minutes of the Cabinet meeting held at Ty Hywel, Caerdydd, on 3 May. I would like a list of all attendees.", false)] // "I", "a", "am" are English words too
    [TestCase("Please provide the number of Welsh-medium schools (ysgolion cyfrwng Cymraeg) in the county and the budget for each.", false)] // a Welsh phrase quoted
    [TestCase("", false)]
    [TestCase("y yr o", false)] // too little text to judge
    public void LooksWelsh_Text_ProposesWelshOnlyForWelshProse(string text, bool welsh)
    {
        Assert.That(WelshText.LooksWelsh(text), Is.EqualTo(welsh));
    }

    [Test]
    public async Task Process_RequestWrittenInWelsh_OpensCaseWithWelshLetters()
    {
        DapperSetup.Configure();
        await using var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        var time = new ManualTime(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var cases = new CaseStore(db, time);
        var processor = new IntakeProcessor(db, cases, time, Options.Create(new IntakeOptions()), NullLogger<IntakeProcessor>.Instance);
        var welsh = "From: Sian Jones <sian@example.org>\r\nTo: foi@council.example\r\nSubject: Cais am wybodaeth\r\nMessage-ID: <cy1@example.org>\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + WelshRequest.ReplaceLineEndings("\r\n") + "\r\n";
        var seed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo", "mail", "000-thurrock-social-value-request.eml"));

        var fromWelsh = await processor.ProcessAsync(new SourceMessage("drop-folder", "cy.eml", Encoding.UTF8.GetBytes(welsh), time.GetUtcNow()), CancellationToken.None);
        var fromEnglish = await processor.ProcessAsync(new SourceMessage("drop-folder", "seed.eml", seed, time.GetUtcNow()), CancellationToken.None);

        Assert.That(fromWelsh.Route, Is.EqualTo(IntakeRoute.Request), fromWelsh.Reason);
        Assert.That((await cases.FindAsync(fromWelsh.CaseReference!, CancellationToken.None))!.LetterLanguage, Is.EqualTo(LetterLanguages.Welsh));
        Assert.That((await cases.FindAsync(fromEnglish.CaseReference!, CancellationToken.None))!.LetterLanguage, Is.EqualTo(LetterLanguages.English));
    }
}
