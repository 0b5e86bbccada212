using System.Net;
using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using static FoiDesk.Web.Tests.Api.ApiClients;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>The language of a case's letters, chosen on the case page or through the API, followed by the preview.</summary>
public sealed class LetterLanguagePageTests
{
    [Test]
    public async Task CasePage_OfficerChoosesWelsh_AuditedAndCliPreviewFollowsTheCase()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        Assert.That(page, Does.Contain("Letters for this case are written in: <strong>English</strong>"));

        using var chosen = await http.PostAsync(new Uri($"/cases/{reference}?handler=letterLanguage", UriKind.Relative), ApprovalPageTests.Form(page, ("letterLanguage", "cy")));

        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select letter_language from foi_case where reference = @reference", new { reference }), Is.EqualTo("cy"));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'letter-language-chosen' and subject = @reference", new { reference }), Is.EqualTo(1));
        Assert.That(await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative)), Does.Contain("Letters for this case are written in: <strong>Welsh (Cymraeg)</strong>"));

        var asCase = await LetterWordingPagesTests.RenderAsync(app, reference);
        var english = await LetterWordingPagesTests.RenderAsync(app, reference, "--language", "en");
        var unknown = await LetterWordingPagesTests.RenderAsync(app, reference, "--language", "fr");
        Assert.That(asCase.Exit, Is.Zero);
        Assert.That(JsonDocument.Parse(asCase.Stdout).RootElement.GetProperty("text").GetString(), Does.Contain("Annwyl"));
        Assert.That(JsonDocument.Parse(english.Stdout).RootElement.GetProperty("text").GetString(), Does.Contain("Dear"));
        Assert.That(unknown.Exit, Is.EqualTo(2));
    }

    [Test]
    public async Task CasePage_UnknownLanguage_ErrorSummaryAndNothingChanged()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));

        using var response = await http.PostAsync(new Uri($"/cases/{reference}?handler=letterLanguage", UriKind.Relative), ApprovalPageTests.Form(page, ("letterLanguage", "fr")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("govuk-error-summary").And.Contain("Choose English, Welsh or bilingual"));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select letter_language from foi_case where reference = @reference", new { reference }), Is.EqualTo("en"));
    }

    [Test]
    public async Task Api_PutLetterLanguage_SetsBilingualAndRejectsUnknown()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        using var officer = await BearerAsync(app, Roles.IgOfficer);

        var (status, body) = await PutAsync(officer, $"/api/v1/cases/{reference}/letter-language", new { language = "bilingual" });
        var (badStatus, bad) = await PutAsync(officer, $"/api/v1/cases/{reference}/letter-language", new { language = "fr" });
        var (missingStatus, _) = await PutAsync(officer, "/api/v1/cases/FOI-1999-00001/letter-language", new { language = "cy" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("letterLanguage").GetString(), Is.EqualTo("bilingual"));
        Assert.That(badStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(bad), Does.Contain("language"));
        Assert.That(missingStatus, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'letter-language-chosen'"), Is.EqualTo(1));
    }
}
