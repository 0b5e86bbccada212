using System.Net;
using System.Text.Json;
using FoiDesk.Replies;
using FoiDesk.Web.Cli;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>The letters pages (/letters) and the disclosure-log choice on the case page.</summary>
public sealed class LetterWordingPagesTests
{
    private static string Shipped(TestWebApp app, string letter) =>
        app.Services.GetRequiredService<LetterRenderer>().Shipped(letter, LetterLanguage.English).Body;

    private static string Cut(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        return text[..start] + text[text.IndexOf(to, start, StringComparison.Ordinal)..];
    }

    [Test]
    public async Task Letters_Officer_ListsEveryLetterAndTheWelshAcknowledgement()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("ig-officer");

        var page = await http.GetStringAsync(new Uri("/letters", UriKind.Relative));

        Assert.That(page, Does.Contain("href=\"/letters/refusal\"").And.Contain("href=\"/letters/acknowledgement?language=cy\""));
        Assert.That(LetterIds.All.All(id => page.Contains($"href=\"/letters/{id}\"", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Save_RefusalWithoutRightsParagraphs_RefusedWithErrorSummaryNamingThem()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri("/letters/refusal", UriKind.Relative));
        var edited = Cut(Shipped(app, LetterIds.Refusal), "## Asking for an internal review", "Yours sincerely");

        using var response = await http.PostAsync(new Uri("/letters/refusal?handler=save", UriKind.Relative),
            ApprovalPageTests.Form(page, ("subject", "Refusal notice {{ case.reference }}"), ("body", edited)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("govuk-error-summary")
            .And.Contain("The letter must give the right to an internal review and the last date to ask for one")
            .And.Contain("The letter must give the right to complain to the Information Commissioner"));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from letter_template_version"), Is.Zero);
    }

    [Test]
    public async Task SavePreviewRevert_RewordedAcknowledgement_UsedByCaseAndCliThenShippedAgain()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri("/letters/acknowledgement", UriKind.Relative));
        var edited = Shipped(app, LetterIds.Acknowledgement) + "\nOur offices are closed on Fridays.\n";

        using var preview = await http.PostAsync(new Uri("/letters/acknowledgement?handler=preview", UriKind.Relative),
            ApprovalPageTests.Form(page, ("subject", "We have your request {{ case.reference }}"), ("body", edited), ("caseReference", reference)));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.That(previewHtml, Does.Contain($"Preview for {reference}").And.Contain("Our offices are closed on Fridays."));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from letter_template_version"), Is.Zero, "a preview saves nothing");

        using var saved = await http.PostAsync(new Uri("/letters/acknowledgement?handler=save", UriKind.Relative),
            ApprovalPageTests.Form(page, ("subject", "We have your request {{ case.reference }}"), ("body", edited)));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        var (exit, stdout) = await RenderAsync(app, reference);
        Assert.That(exit, Is.EqualTo(0));
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.That(json.RootElement.GetProperty("text").GetString(), Does.Contain("Our offices are closed on Fridays."), "letters render uses the saved wording");
            Assert.That(json.RootElement.GetProperty("subject").GetString(), Does.StartWith("Re: Freedom of Information request"), "a WhatDoTheyKnow request keeps its own subject");
        }

        var editPage = await http.GetStringAsync(new Uri("/letters/acknowledgement", UriKind.Relative));
        Assert.That(editPage, Does.Contain("version 1, saved by ig-officer@test.foidesk.local"));
        using var reverted = await http.PostAsync(new Uri("/letters/acknowledgement?handler=revert", UriKind.Relative), ApprovalPageTests.Form(editPage));
        Assert.That(reverted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var (_, after) = await RenderAsync(app, reference);
        Assert.That(after, Does.Not.Contain("closed on Fridays"));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action in ('letter-wording-saved', 'letter-wording-reverted')"), Is.EqualTo(2));
    }

    [Test]
    public async Task Letters_Manager_Refused()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("manager");

        using var response = await http.GetAsync(new Uri("/letters/refusal", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Does.Contain("/access-denied"));
    }

    [Test]
    public async Task CasePage_PublishChosenThenCheckFailed_ChoiceAuditedAndReasonShown()
    {
        await using var app = await TestWebApp.StartAsync();
        var reference = await SeedCase.OpenAsync(app);
        using var http = await app.ClientAsync("ig-officer");
        var page = await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        Assert.That(page, Does.Contain("Not chosen for the disclosure log."));

        using var chosen = await http.PostAsync(new Uri($"/cases/{reference}?handler=publish", UriKind.Relative), ApprovalPageTests.Form(page, ("publish", "true")));
        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CaseFixtures.ScalarAsync<bool>(app, "select publish_to_log from foi_case where reference = @reference", new { reference }), Is.True);
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'publication-chosen' and subject = @reference", new { reference }), Is.EqualTo(1));

        // What the publishing job records when the redaction check finds something (DisclosureLogTests runs it).
        await CaseFixtures.ExecuteAsync(app, "update foi_case set publication_status = 'failed', publication_error = 'personal data remains after redaction: Email ''jane@example.org''' where reference = @reference", new { reference });
        var failed = await http.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        Assert.That(failed, Does.Contain("Not published: personal data remains after redaction: Email &#x27;jane@example.org&#x27;").And.Contain("Try publishing again"));
    }

    /// <summary>Runs <c>letters render</c> for the acknowledgement against the app's database, with any further options.</summary>
    internal static async Task<(int Exit, string Stdout)> RenderAsync(TestWebApp app, string reference, params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliDispatcher.RunAsync(["letters", "render", "--case", reference, "--letter", "acknowledgement", .. options],
            (_, _) => Task.FromResult<(IServiceProvider, IAsyncDisposable)>((app.Services, NoLifetime.Instance)), stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString());
    }

    private sealed class NoLifetime : IAsyncDisposable
    {
        public static readonly NoLifetime Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
