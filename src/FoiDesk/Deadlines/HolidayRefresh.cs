using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Deadlines;

/// <summary>The "FoiDesk:Holidays" configuration section.</summary>
public sealed class HolidayRefreshOptions
{
    public const string Section = "FoiDesk:Holidays";

    /// <summary>
    /// A URL serving GOV.UK's bank-holidays.json format (https://www.gov.uk/bank-holidays.json). Off by default:
    /// with no URL the refresh job is not scheduled and the shipped snapshot plus admin-added days apply.
    /// </summary>
    public string? RefreshUrl { get; set; }
}

public enum HolidayRefreshOutcome
{
    Unchanged,
    Updated,
    Failed,
}

public sealed record HolidayRefreshResult(HolidayRefreshOutcome Outcome, int Added, IReadOnlyList<DeadlineChange> Changes, string? Error);

/// <summary>
/// Fetches GOV.UK's bank-holidays.json and stores the rows the table in force lacks (new years, a newly
/// proclaimed day, a retitled row). New rows go through <see cref="HolidayStore.AddAsync"/> in one transaction,
/// so every open case is recomputed and each one moved says why. A failed fetch or a malformed file changes
/// nothing and is logged and recorded in holiday_refresh. Rows the feed drops are not removed: a day once
/// proclaimed stays a non-working day until an admin says otherwise (logged as a warning).
/// </summary>
public sealed class HolidayRefresh(HttpClient http, HolidayStore store, NpgsqlDataSource db, IOptions<HolidayRefreshOptions> options, TimeProvider time, ILogger<HolidayRefresh> log)
{
    public const string Actor = "holiday-refresh";

    public async Task<HolidayRefreshResult> RunAsync(CancellationToken ct)
    {
        var url = options.Value.RefreshUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException($"{HolidayRefreshOptions.Section}:RefreshUrl is not configured");
        }

        IReadOnlyList<HolidayRow> feed;
        try
        {
            var json = await http.GetStringAsync(new Uri(url), ct);
            feed = Validate(HolidayTable.ParseGovUk(json));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            ct.ThrowIfCancellationRequested();
            log.LogError(e, "Holiday refresh from {Url} failed; the holiday table is unchanged", url);
            var failed = new HolidayRefreshResult(HolidayRefreshOutcome.Failed, 0, [], e.Message);
            await RecordAsync(url, failed, ct);
            return failed;
        }

        var current = await store.CurrentAsync(ct);
        var known = current.Rows.ToHashSet();
        var missing = feed.Where(r => !known.Contains(r)).ToList();
        var inFeed = feed.Select(r => (r.Date, r.Division)).ToHashSet();
        var feedYears = feed.Select(r => r.Date.Year).ToHashSet();
        foreach (var dropped in current.Rows.Where(r => feedYears.Contains(r.Date.Year) && !inFeed.Contains((r.Date, r.Division))))
        {
            log.LogWarning("GOV.UK no longer lists {Date:yyyy-MM-dd} {Title} ({Division}); it stays in the holiday table", dropped.Date, dropped.Title, dropped.Division.Key());
        }

        var result = missing.Count == 0
            ? new HolidayRefreshResult(HolidayRefreshOutcome.Unchanged, 0, [], null)
            : new HolidayRefreshResult(HolidayRefreshOutcome.Updated, missing.Count, await store.AddAsync(missing, Actor, ct), null);
        if (result.Outcome == HolidayRefreshOutcome.Updated)
        {
            log.LogInformation("Holiday refresh added {Count} rows; {Cases} open cases moved", result.Added, result.Changes.Count);
        }

        await RecordAsync(url, result, ct);
        return result;
    }

    /// <summary>A usable feed lists every division; anything less is a truncated or foreign file.</summary>
    private static IReadOnlyList<HolidayRow> Validate(IReadOnlyList<HolidayRow> rows)
    {
        var missing = Divisions.All.Where(d => !rows.Any(r => r.Division == d)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"bank-holidays.json lists no days for {string.Join(", ", missing.Select(d => d.Key()))}");
        }

        return rows;
    }

    private async Task RecordAsync(string url, HolidayRefreshResult result, CancellationToken ct)
    {
        const string Sql = """
            insert into holiday_refresh (at, url, outcome, added, detail)
            values (@at, @url, @outcome, @added, @detail::jsonb)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            at = time.GetUtcNow(),
            url,
            outcome = result.Outcome switch
            {
                HolidayRefreshOutcome.Unchanged => "unchanged",
                HolidayRefreshOutcome.Updated => "updated",
                _ => "failed",
            },
            added = result.Added,
            detail = JsonSerializer.Serialize(new { error = result.Error, casesMoved = result.Changes.Select(c => c.Reference) }),
        }, cancellationToken: ct));
    }
}
