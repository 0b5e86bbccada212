using System.Net;
using FoiDesk.Reporting;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Manager;

public sealed class StatisticsPageTests
{
    [Test]
    public async Task Statistics_Quarter_CountsAndCsv()
    {
        await using var app = await TestWebApp.StartAsync();
        await ReportingFixture.SeedAsync(app);
        using var http = await app.ClientAsync("manager");

        var page = await http.GetStringAsync(new Uri("/statistics?year=2025&quarter=1", UriKind.Relative));
        Assert.That(page, Does.Contain("Q1 2025"));
        using var csv = await http.GetAsync(new Uri("/statistics.csv?year=2025&quarter=1", UriKind.Relative));

        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(await csv.Content.ReadAsStringAsync(), Is.EqualTo(string.Concat(
            "Year,Quarter,Section,Measure,Count\r\n",
            "2025,Q1,Requests,Received,6\r\n",
            "2025,Q1,Timeliness,Answered within 20 working days,1\r\n",
            "2025,Q1,Timeliness,Answered within a permitted extension,0\r\n",
            "2025,Q1,Timeliness,Answered late,1\r\n",
            "2025,Q1,Timeliness,Not yet answered,3\r\n",
            "2025,Q1,Outcomes,Granted in full,1\r\n",
            "2025,Q1,Outcomes,Partly granted,0\r\n",
            "2025,Q1,Outcomes,Refused in full,1\r\n",
            "2025,Q1,Outcomes,Information not held,0\r\n",
            "2025,Q1,Outcomes,Withdrawn,1\r\n",
            "2025,Q1,Outcomes,Lapsed,0\r\n",
            "2025,Q1,Internal reviews,Received,1\r\n",
            "2025,Q1,Internal reviews,Answered in time,1\r\n",
            "2025,Q1,Internal reviews,Original decision upheld,1\r\n",
            "2025,Q1,Internal reviews,Original decision partly upheld,0\r\n",
            "2025,Q1,Internal reviews,Original decision overturned,0\r\n",
            "2025,Q1,Internal reviews,Not yet decided,0\r\n")));
    }

    [Test]
    public async Task Statistics_BadQuarter_ShowsError()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("manager");

        var page = await http.GetStringAsync(new Uri("/statistics?year=2025&quarter=5", UriKind.Relative));
        using var csv = await http.GetAsync(new Uri("/statistics.csv?year=2025&quarter=5", UriKind.Relative));

        Assert.That(page, Does.Contain("Enter a year and a quarter from 1 to 4"));
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    // RFC 4180 2.6-2.7: fields with commas, quotes or line breaks are quoted; quotes inside are doubled.
    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"no\"", "\"say \"\"no\"\"\"")]
    [TestCase("two\r\nlines", "\"two\r\nlines\"")]
    [TestCase("lf\nonly", "\"lf\nonly\"")]
    [TestCase("", "")]
    public void CsvField_SpecialCharacters_QuotedPerRfc4180(string value, string expected) =>
        Assert.That(Csv.Field(value), Is.EqualTo(expected));
}
