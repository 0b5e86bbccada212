using System.Globalization;
using FoiDesk.Audit;

namespace FoiDesk.Deadlines;

/// <summary>One day in the holiday table as an admin reads it: a title on a date in one or more divisions.</summary>
public sealed record HolidayListing(DateOnly Date, string Title, IReadOnlyList<string> Divisions, string Source);

/// <summary>
/// What an admin does with the holiday table: read it, and add a proclaimed day before GOV.UK lists it (the
/// 2022 funeral day and the 2026 World Cup day were proclaimed weeks before the feed carried them). Adding a
/// day recomputes every open case (rule book 8.5) and is audited.
/// </summary>
public sealed class HolidayAdmin(HolidayStore store, AuditLog audit)
{
    public async Task<IReadOnlyList<HolidayListing>> ListAsync(int? year, CancellationToken ct)
    {
        var table = await store.CurrentAsync(ct);
        return [.. table.Rows
            .Where(r => year is null || r.Date.Year == year)
            .GroupBy(r => (r.Date, r.Title, r.Source))
            .Select(g => new HolidayListing(g.Key.Date, g.Key.Title, [.. g.Select(r => r.Division).Distinct().Order().Select(d => d.Key())], g.Key.Source))];
    }

    /// <param name="source">Provenance shown in the working, e.g. the Gazette notice of the proclamation.</param>
    /// <returns>The open cases whose dates moved, with each date's from and to.</returns>
    public async Task<IReadOnlyList<DeadlineChange>> AddAsync(DateOnly date, string title, IReadOnlyList<Division> divisions, string source, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("a holiday needs a title", nameof(title));
        }

        if (divisions.Count == 0)
        {
            throw new ArgumentException("a holiday needs at least one division", nameof(divisions));
        }

        if (string.IsNullOrWhiteSpace(source) || string.Equals(source, HolidayRow.GovUkSource, StringComparison.Ordinal))
        {
            // "gov.uk" marks the feed's own rows; an admin's day must say where it came from.
            throw new ArgumentException("an added holiday needs its own source note (not 'gov.uk')", nameof(source));
        }

        var rows = divisions.Distinct().Select(d => new HolidayRow(date, title.Trim(), d, source.Trim())).ToList();
        var changes = await store.AddAsync(rows, actor, ct);
        await audit.RecordAsync(null, actor, "holiday-added", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new
        {
            title,
            divisions = rows.Select(r => r.Division.Key()),
            source,
            casesMoved = changes.Select(c => c.Reference),
        }, ct);
        return changes;
    }
}
