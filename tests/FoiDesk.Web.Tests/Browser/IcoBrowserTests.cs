using System.IO.Compression;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Ico;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// Issue 19 in a real browser: an officer records the ICO's complaint (FOIA s.50) on the case's ICO page and downloads
/// the evidence bundle from the page's button, which must be a ZIP opening with its index.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class IcoBrowserTests
{
    [Test]
    public async Task IcoPage_RecordComplaintThenDownloadBundle_ComplaintShownAndZipStartsWithIndex()
    {
        var (app, reference, _) = await IcoComplaintTests.AnsweredDemoCaseAsync();
        await using var browser = await BrowserFixture.LaunchAsync(app, reference);
        var page = await browser.SignInAsync(Roles.IgOfficer);
        await page.GotoAsync($"/cases/{reference}/ico");

        await page.GetByLabel("ICO reference").FillAsync("IC-333333-E5F6");
        await page.GetByLabel("Date the ICO's letter was received").FillAsync("2025-06-02");
        await page.GetByLabel("The ICO's deadline for our submissions").FillAsync("2025-06-30");
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record complaint" }));

        Assert.That(await page.GetByRole(AriaRole.Heading, new() { Name = "IC-333333-E5F6" }).IsVisibleAsync(), Is.True, await page.ContentAsync());
        Assert.That(await page.Locator("dl.ico-complaint").InnerTextAsync(), Does.Contain("2025-06-02").And.Contain("2025-06-30"));
        await BrowserFixture.ScreenshotAsync(page, "ico-complaint-recorded");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-bundle").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"foidesk-bundle-{Guid.NewGuid():N}.zip");
        try
        {
            await download.SaveAsAsync(path);
            using var zip = ZipFile.OpenRead(path);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(download.SuggestedFilename, Does.EndWith(".zip"));
            Assert.That(names, Is.Not.Empty);
            Assert.That(names[0], Is.EqualTo("00-index.html"), string.Join(", ", names));
            Assert.That(names, Does.Contain("01-chronology.html").And.Contain("05-audit-extract.html"));
            using var index = new StreamReader(zip.GetEntry("00-index.html")!.Open());
            Assert.That(await index.ReadToEndAsync(), Does.Contain(reference));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
