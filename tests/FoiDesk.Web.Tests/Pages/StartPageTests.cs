using System.Net;
using FoiDesk.Accounts;
using FoiDesk.Web.Tests.Support;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>Each role lands where its work is (Pages/Index.cshtml.cs).</summary>
public sealed class StartPageTests
{
    [TestCase(Roles.Manager, "/dashboard")]
    [TestCase(Roles.Commissioner, "/my-questions")]
    [TestCase(Roles.Admin, "/admin/accounts")]
    public async Task StartPage_Role_RedirectsToItsWork(string role, string expected)
    {
        await using var app = await TestWebApp.StartAsync();
        using var client = await app.ClientAsync(role);

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(expected));
    }

    [Test]
    public async Task StartPage_OfficerWithNothingToTriage_CaseListThenTriageOnceACaseArrives()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync(Roles.IgOfficer);

        var empty = await officer.GetAsync(new Uri("/", UriKind.Relative));
        await OpenCaseAsync(app);
        var waiting = await officer.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(empty.Headers.Location?.OriginalString, Is.EqualTo("/cases"));
        Assert.That(waiting.Headers.Location?.OriginalString, Is.EqualTo("/triage"));
    }
}
