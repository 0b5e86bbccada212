using System.Globalization;
using Dapper;
using Npgsql;

namespace FoiDesk.Reporting;

public sealed record StatisticsLine(string Section, string Measure, int Value);

public sealed record QuarterStatistics(int Year, int Quarter, DateOnly From, DateOnly To, IReadOnlyList<StatisticsLine> Lines);

/// <summary>
/// The quarterly FOI statistics councils publish (the Cabinet Office's FOI statistics layout): requests received
/// in the quarter (FOIA, EIR and FOISA; not subject access or reviews), how many were answered in time, late or
/// with a permitted extension, withdrawn or lapsed, the outcomes, and internal reviews with their outcomes.
/// </summary>
public sealed class QuarterlyStatistics(NpgsqlDataSource db, TimelinessSummary summary)
{
    public async Task<QuarterStatistics> ForAsync(int year, int quarter, CancellationToken ct)
    {
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), "quarter is 1 to 4");
        }

        await summary.RefreshAsync(ct);
        var from = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        var to = from.AddMonths(3).AddDays(-1);
        var start = London(from);
        var end = London(to.AddDays(1));
        await using var conn = await db.OpenConnectionAsync(ct);

        const string Requests = """
            select
                count(*)::int as Received,
                count(*) filter (where t.on_time and not t.extended)::int as InTime,
                count(*) filter (where t.on_time and t.extended)::int as InTimeExtended,
                count(*) filter (where not t.on_time)::int as Late,
                count(*) filter (where c.status not in ('responded', 'closed'))::int as StillOpen,
                count(*) filter (where c.outcome = 'withdrawn')::int as Withdrawn,
                count(*) filter (where c.outcome = 'lapsed')::int as Lapsed,
                count(*) filter (where c.outcome = 'granted')::int as Granted,
                count(*) filter (where c.outcome = 'partly-granted')::int as PartlyGranted,
                count(*) filter (where c.outcome = 'refused')::int as Refused,
                count(*) filter (where c.outcome = 'not-held')::int as NotHeld
            from foi_case c left join response_timeliness t on t.case_id = c.id
            where c.received_at >= @start and c.received_at < @end and c.classification in ('foi', 'eir', 'foisa')
            """;
        var r = await conn.QuerySingleAsync<RequestCounts>(new CommandDefinition(Requests, new { start, end }, cancellationToken: ct));
        const string Reviews = """
            select
                count(*)::int as Received,
                count(*) filter (where t.on_time)::int as InTime,
                count(*) filter (where c.outcome = 'upheld')::int as Upheld,
                count(*) filter (where c.outcome = 'partly-upheld')::int as PartlyUpheld,
                count(*) filter (where c.outcome = 'overturned')::int as Overturned,
                count(*) filter (where c.status not in ('responded', 'closed'))::int as StillOpen
            from foi_case c left join response_timeliness t on t.case_id = c.id
            where c.received_at >= @start and c.received_at < @end and c.classification = 'review'
            """;
        var v = await conn.QuerySingleAsync<ReviewCounts>(new CommandDefinition(Reviews, new { start, end }, cancellationToken: ct));
        const string Received = "Requests";
        const string Timeliness = "Timeliness";
        const string Outcomes = "Outcomes";
        const string InternalReviews = "Internal reviews";
        return new QuarterStatistics(year, quarter, from, to,
        [
            new(Received, "Received", r.Received),
            new(Timeliness, "Answered within 20 working days", r.InTime),
            new(Timeliness, "Answered within a permitted extension", r.InTimeExtended),
            new(Timeliness, "Answered late", r.Late),
            new(Timeliness, "Not yet answered", r.StillOpen),
            new(Outcomes, "Granted in full", r.Granted),
            new(Outcomes, "Partly granted", r.PartlyGranted),
            new(Outcomes, "Refused in full", r.Refused),
            new(Outcomes, "Information not held", r.NotHeld),
            new(Outcomes, "Withdrawn", r.Withdrawn),
            new(Outcomes, "Lapsed", r.Lapsed),
            new(InternalReviews, "Received", v.Received),
            new(InternalReviews, "Answered in time", v.InTime),
            new(InternalReviews, "Original decision upheld", v.Upheld),
            new(InternalReviews, "Original decision partly upheld", v.PartlyUpheld),
            new(InternalReviews, "Original decision overturned", v.Overturned),
            new(InternalReviews, "Not yet decided", v.StillOpen),
        ]);
    }

    private sealed record RequestCounts(int Received, int InTime, int InTimeExtended, int Late, int StillOpen, int Withdrawn, int Lapsed, int Granted, int PartlyGranted, int Refused, int NotHeld);

    private sealed record ReviewCounts(int Received, int InTime, int Upheld, int PartlyUpheld, int Overturned, int StillOpen);

    /// <summary>Midnight Europe/London at the start of a date: quarters follow UK dates, not UTC ones.</summary>
    private static DateTimeOffset London(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, LondonTime.Zone.GetUtcOffset(local));
    }

    /// <summary>The quarter as CSV (<see cref="Csv"/>: RFC 4180, formula cells neutralised); the year and counts are numbers.</summary>
    public static string ToCsv(QuarterStatistics s) => Csv.Write(
        ["Year", "Quarter", "Section", "Measure", "Count"],
        s.Lines.Select(line => (IReadOnlyList<object?>)[new Csv.Number(s.Year), $"Q{s.Quarter}", line.Section, line.Measure, new Csv.Number(line.Value)]));
}
