using System.Net;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>Cases, teams and form posts shared by the officer and commissioner page tests.</summary>
internal static class OfficerTestData
{
    public const string RequesterEmail = "jo.requester@example.org";
    public const string RequesterName = "Jo Requester";

    /// <summary>Opens a new (untriaged) FOI case received Monday 10 March 2025 (unless told otherwise) with two questions.</summary>
    public static async Task<CaseRow> OpenCaseAsync(TestWebApp app, string subject = "Social value in children's services", string? regime = null, DateTimeOffset? receivedAt = null)
    {
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var (_, reference) = await store.OpenAsync(conn, tx, new NewCase
        {
            Classification = Classifications.Foi,
            ProposedClassification = Classifications.Foi,
            ProposalReasons = ["mentions the Freedom of Information Act"],
            Regime = regime,
            Subject = subject,
            ReceivedAt = receivedAt ?? new DateTimeOffset(2025, 3, 10, 9, 14, 3, TimeSpan.Zero),
            RequesterName = RequesterName,
            RequesterEmail = RequesterEmail,
            RequestText = "1. How many foster carers do you have?\n2. What is your fostering budget for 2024/25?",
            Questions =
            [
                new NewQuestion("1", "How many foster carers do you have?", [], "how many foster carers do you have"),
                new NewQuestion("2", "What is your fostering budget for 2024/25?", [], "what is your fostering budget for 2024 25"),
            ],
        }, "test", CancellationToken.None);
        await tx.CommitAsync();
        return (await store.FindAsync(reference, CancellationToken.None))!;
    }

    public static async Task<long> TeamIdAsync(TestWebApp app, string name) =>
        (await app.Services.GetRequiredService<FoiDesk.Cases.Teams>().ListAsync(CancellationToken.None)).Single(t => t.Name == name).Id;

    /// <summary>GETs the page for its anti-forgery token, then posts the form to the given URL.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await http.GetAsync(new Uri(pageUrl, UriKind.Relative));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {pageUrl}");
        fields["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var body = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(postUrl, UriKind.Relative), body);
    }
}
