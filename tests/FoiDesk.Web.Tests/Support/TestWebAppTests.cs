using System.Net;

namespace FoiDesk.Web.Tests.Support;

public sealed class TestWebAppTests
{
    [Test]
    public async Task CasesPage_SignedInOfficer_Renders_AnonymousRedirectsToSignIn()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        using var anonymous = await app.ClientAsync(null);

        var page = await officer.GetAsync(new Uri("/cases", UriKind.Relative));
        var refused = await anonymous.GetAsync(new Uri("/cases", UriKind.Relative));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("govuk-heading-l"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(refused.Headers.Location!.OriginalString, Does.StartWith("/sign-in").Or.Contain("/sign-in"));
    }
}
