using System.Net;
using FoiDesk.Cases;
using Dapper;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FoiDesk.Web.Tests.Pages.OfficerTestData;

namespace FoiDesk.Web.Tests.Pages;

/// <summary>
/// The case page says which evidence dated the receipt and shows a flagged date; an officer corrects it with a
/// reason, the due date follows and the timeline says so; a manager may not (issue 14 item 4).
/// </summary>
public sealed class ReceivedDatePageTests
{
    /// <summary>A case as intake opens the seed request on 7 December 2026: dated by its Date header, flagged.</summary>
    private static async Task<string> OpenAsync(TestWebApp app)
    {
        var c = await OpenCaseAsync(app, "Foster carers", "foia", new DateTimeOffset(2023, 4, 16, 17, 2, 11, TimeSpan.Zero));
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("update foi_case set received_evidence = @evidence, received_flag = @flag where id = @Id",
            new { evidence = FoiDesk.Intake.ReceiptEvidence.DateHeader, flag = "received 16 Apr 2023 18:02 (from the Date: header), 930 working days before FoiDesk read it: check the date", c.Id });
        return c.Reference;
    }

    [Test]
    public async Task CasePage_OfficerCorrectsReceivedDate_EvidenceDueDateAndTimelineFollow()
    {
        await using var app = await TestWebApp.StartAsync();
        using var officer = await app.ClientAsync("ig-officer");
        var reference = await OpenAsync(app);

        var before = await officer.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        Assert.That(before, Does.Contain("Tuesday 16 May 2023"), "due from Sunday 16 April: day 1 Monday 17th, 1 and 8 May bank holidays");
        Assert.That(before, Does.Contain("(from the Date: header)").And.Contain("Check the received date").And.Contain("930 working days before"));
        Assert.That(await officer.GetStringAsync(new Uri("/triage", UriKind.Relative)), Does.Contain("930 working days before"), "flagged at triage");

        var refused = await PostAsync(officer, $"/cases/{reference}", $"/cases/{reference}?handler=received", new() { ["receivedOn"] = "2023-04-06", ["receivedReason"] = "" });
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("Say why the received date is wrong"));

        var done = await PostAsync(officer, $"/cases/{reference}", $"/cases/{reference}?handler=received",
            new() { ["receivedOn"] = "2023-04-06", ["receivedReason"] = "reached the council's general inbox on Thursday" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var after = await officer.GetStringAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        // Thursday 6 April 2023: Good Friday and Easter Monday skipped, day 1 Tuesday 11th; 1 and 8 May skipped: Wednesday 10 May.
        Assert.That(after, Does.Contain("(corrected by an officer)").And.Not.Contain("Check the received date"));
        Assert.That(after, Does.Contain("Wednesday 10 May 2023"));
        Assert.That(System.Net.WebUtility.HtmlDecode(after), Does.Contain("Received date corrected from Sunday 16 April 2023 to Thursday 6 April 2023").And.Contain("reached the council's general inbox on Thursday"));

        using var manager = await app.ClientAsync("manager");
        var forbidden = await PostAsync(manager, $"/cases/{reference}", $"/cases/{reference}?handler=received", new() { ["receivedOn"] = "2023-04-01", ["receivedReason"] = "a manager's guess" });
        Assert.That(forbidden.Headers.Location?.AbsolutePath, Is.EqualTo("/access-denied"), "only IG officers correct the received date");
    }
}
