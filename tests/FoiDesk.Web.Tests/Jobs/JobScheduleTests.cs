using Cronos;
using FoiDesk.Notifications;
using FoiDesk.Web.Hosting;
using FoiDesk.Web.Jobs;

namespace FoiDesk.Web.Tests.Jobs;

/// <summary>
/// Each row of the job table read the way Hangfire reads it (Cronos, seconds when there are six fields, in
/// Europe/London): when does it fire next from a given moment.
/// </summary>
public sealed class JobScheduleTests
{
    private static readonly FoiDeskOptions Defaults = new();

    private static DateTimeOffset Next(string jobId, DateTimeOffset from, FoiDeskOptions? options = null)
    {
        var cron = JobTable.Find(options ?? Defaults, jobId).Cron;
        var format = cron.Split(' ').Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.Parse(cron, format).GetNextOccurrence(from, LondonTime.Zone)!.Value;
    }

    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 3, TimeSpan.Zero);

    [TestCase(JobTable.Intake, 12)] // every 15 s by default
    [TestCase(JobTable.Outbox, 7)] // every 10 s
    [TestCase(JobTable.Heartbeat, 27)] // every 30 s by default
    [TestCase(JobTable.TimelinessSummary, 57)] // every minute
    [TestCase(JobTable.DisclosureLog, 15 * 60 - 3)] // every 15 minutes
    public void IntervalJob_FromNoon_FiresOnTheNextBoundary(string jobId, int seconds)
    {
        Assert.That(Next(jobId, Noon) - Noon, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(JobTable.Intake, 15)]
    [TestCase(JobTable.Outbox, 10)]
    [TestCase(JobTable.Heartbeat, 30)]
    [TestCase(JobTable.TimelinessSummary, 60)]
    [TestCase(JobTable.DisclosureLog, 900)]
    public void IntervalJob_ConsecutiveFirings_AreOneIntervalApart(string jobId, int seconds)
    {
        var first = Next(jobId, Noon);

        Assert.That(Next(jobId, first) - first, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(1, "* * * * * *")]
    [TestCase(7, "*/6 * * * * *")] // rounded down to divide the minute
    [TestCase(45, "*/30 * * * * *")]
    [TestCase(600, "0 */10 * * * *")]
    [TestCase(3600, "0 0 * * * *")]
    public void Every_Seconds_DividesTheMinuteOrHour(int seconds, string cron)
    {
        Assert.That(JobTable.Every(seconds), Is.EqualTo(cron));
    }

    // The clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026: 07:30 stays 07:30 in London.
    [TestCase("2026-03-27T12:00:00Z", "2026-03-30T06:30:00Z")] // Friday GMT -> Monday BST
    [TestCase("2026-10-23T12:00:00Z", "2026-10-26T07:30:00Z")] // Friday BST -> Monday GMT
    [TestCase("2026-03-30T06:29:00Z", "2026-03-30T06:30:00Z")]
    [TestCase("2026-12-07T07:31:00Z", "2026-12-08T07:30:00Z")] // Monday after the run -> Tuesday
    public void Reminders_AcrossTheClockChange_FireAt0730LondonOnWeekdays(string from, string expected)
    {
        var next = Next(JobTable.Reminders, DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(next, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        var local = TimeZoneInfo.ConvertTime(next, LondonTime.Zone);
        Assert.That((local.Hour, local.Minute), Is.EqualTo((7, 30)));
    }

    [Test]
    public void HolidayRefresh_SummerAndWinter_FiresAt0600London()
    {
        var options = new FoiDeskOptions { Holidays = new() { RefreshUrl = "https://www.gov.uk/bank-holidays.json" } };

        Assert.That(Next(JobTable.HolidayRefresh, new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), options), Is.EqualTo(new DateTimeOffset(2026, 7, 2, 5, 0, 0, TimeSpan.Zero)));
        Assert.That(Next(JobTable.HolidayRefresh, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), options), Is.EqualTo(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero)));
    }

    [TestCase(null, false)]
    [TestCase("https://www.gov.uk/bank-holidays.json", true)]
    public void HolidayRefresh_RefreshUrl_EnabledOnlyWhenSet(string? url, bool enabled)
    {
        var options = new FoiDeskOptions { Holidays = new() { RefreshUrl = url } };

        Assert.That(JobTable.Find(options, JobTable.HolidayRefresh).Enabled, Is.EqualTo(enabled), "off by default: nothing reaches GOV.UK");
    }

    [TestCase(null, null, false)]
    [TestCase("https://sv.example.net/", null, false)]
    [TestCase("https://sv.example.net/", "token", true)]
    public void SocialValueSync_Configuration_EnabledOnlyWithAddressAndToken(string? address, string? token, bool enabled)
    {
        var options = new FoiDeskOptions { SocialValueSync = new() { BaseAddress = address, BearerToken = token } };

        Assert.That(JobTable.Find(options, JobTable.SocialValueSync).Enabled, Is.EqualTo(enabled));
        Assert.That(Next(JobTable.SocialValueSync, Noon, options), Is.EqualTo(new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero)), "nightly at 02:00 London");
    }

    [Test]
    public void JobTable_Ids_AreUniqueAndEveryJobIsAScheduledJob()
    {
        var jobs = JobTable.For(Defaults);

        Assert.That(jobs.Select(j => j.Id), Is.Unique);
        Assert.That(jobs.Where(j => !typeof(FoiDesk.Operations.IScheduledJob).IsAssignableFrom(j.JobType)), Is.Empty);
    }
}
