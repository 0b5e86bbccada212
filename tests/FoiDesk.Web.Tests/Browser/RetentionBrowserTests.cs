using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Manager;
using FoiDesk.Web.Tests.Support;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// Issue 19 in a real browser: past its retention period (UK GDPR Article 5(1)(e)) a closed case is listed, an admin
/// confirms the deletion on /admin/retention, and the certificate page that follows names the case.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class RetentionBrowserTests
{
    [Test]
    public async Task RetentionPage_AdminConfirmsDeletion_CertificateShowsTheCase()
    {
        var app = await TestWebApp.StartAsync(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        BrowserFixture browser;
        (long Id, string Reference) answered;
        try
        {
            answered = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Library opening hours", ["How many hours a week was each library open?"]);
            await CaseFixtures.RecordAsync(app, answered.Reference, "response_sent", new DateOnly(2025, 3, 28));
            await CaseFixtures.ExecuteAsync(app, "update foi_case set status = 'responded', outcome = 'granted' where id = @Id", new { answered.Id });
            // Past the default three years after closure.
            app.Time.Advance(TimeSpan.FromDays(365 * 4));
            browser = await BrowserFixture.LaunchAsync(app, answered.Reference);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        await using var _ = browser;
        var page = await browser.SignInAsync(Roles.Admin);
        await page.GotoAsync("/admin/retention");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "List cases due now" }));
        Assert.That(await page.Locator("#pending-cases").InnerTextAsync(), Does.Contain(answered.Reference));
        await BrowserFixture.ScreenshotAsync(page, "retention-pending");

        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Confirm deletion" }));

        Assert.That(new Uri(page.Url).AbsolutePath, Does.StartWith("/admin/retention/certificates/"), await page.ContentAsync());
        var row = page.Locator("#certificate-cases tbody tr", new() { HasText = answered.Reference });
        Assert.That(await row.CountAsync(), Is.EqualTo(1));
        Assert.That(await row.InnerTextAsync(), Does.Contain("deleted").And.Contain("2025-03-28"));
        Assert.That(await page.Locator("#confirmed-by").InnerTextAsync(), Is.EqualTo(TestWebApp.EmailFor(Roles.Admin)), "the admin who pressed the button");
        await BrowserFixture.ScreenshotAsync(page, "retention-certificate");
    }
}
