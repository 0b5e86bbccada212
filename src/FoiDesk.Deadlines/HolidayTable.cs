using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FoiDesk.Deadlines;

/// <summary>
/// The bank holidays every calendar is built from: GOV.UK's feed plus admin-added proclaimed days.
/// Immutable; <see cref="Version"/> changes whenever a row does, so a due date can be stored with the
/// version it was computed from and recomputed when the table changes (rule book 8.5; mysociety/alaveteli#7292).
/// </summary>
public sealed class HolidayTable
{
    private static readonly Lazy<HolidayTable> EmbeddedTable = new(LoadEmbedded);

    private readonly FrozenDictionary<DateOnly, HolidayRow[]> _byDate;
    private readonly FrozenSet<int> _coveredYears;
    private readonly Lazy<WorkingCalendar>[] _calendars;

    private HolidayTable(IEnumerable<HolidayRow> rows)
    {
        Rows = [.. rows
            .Distinct()
            .OrderBy(r => r.Date)
            .ThenBy(r => r.Division)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ThenBy(r => r.Source, StringComparer.Ordinal)];
        _byDate = Rows.GroupBy(r => r.Date).ToFrozenDictionary(g => g.Key, g => g.ToArray());

        // A year is covered when every division has at least one row in it: a single admin-added day in a
        // later year must not make that year look complete.
        _coveredYears = Rows
            .GroupBy(r => r.Date.Year)
            .Where(g => g.Select(r => r.Division).Distinct().Count() == Divisions.All.Count)
            .Select(g => g.Key)
            .ToFrozenSet();
        Version = HashOf(Rows);
        _calendars = [.. Enum.GetValues<CalendarId>().Select(id => new Lazy<WorkingCalendar>(() => new WorkingCalendar(id, this)))];
    }

    /// <summary>Every row, ordered by date, division, title.</summary>
    public IReadOnlyList<HolidayRow> Rows { get; }

    /// <summary>SHA-256 (hex, lower case) of the canonical rows (date, division, title, source).</summary>
    public string Version { get; }

    /// <summary>The years every division has rows for, ascending. Outside them only fixed-rule days are known.</summary>
    public IReadOnlyList<int> CoveredYears => [.. _coveredYears.Order()];

    /// <summary>The snapshot shipped in the assembly (GOV.UK, 2022–2028).</summary>
    public static HolidayTable Embedded => EmbeddedTable.Value;

    /// <summary>Builds a table from stored rows (e.g. the lead's PostgreSQL table). Exact duplicates are merged.</summary>
    public static HolidayTable FromRows(IEnumerable<HolidayRow> rows) => new(rows);

    /// <summary>Parses GOV.UK's bank-holidays.json. Unknown divisions are an error; <c>bunting</c> is ignored (it is false for Good Friday).</summary>
    public static HolidayTable FromGovUkJson(string json) => new(ParseGovUk(json));

    /// <summary>This table plus admin-added rows (e.g. a proclaimed day GOV.UK does not list yet).</summary>
    public HolidayTable WithAdded(IEnumerable<HolidayRow> rows) => new([.. Rows, .. rows]);

    /// <summary>The working-day calendar for one regime or nation, built once per table.</summary>
    public WorkingCalendar Calendar(CalendarId id) => _calendars[(int)id].Value;

    public bool IsCovered(int year) => _coveredYears.Contains(year);

    /// <summary>
    /// The dates whose rows differ between this table and <paramref name="other"/> (added, removed or retitled),
    /// ascending. A case whose counting window (receipt to latest due date) contains none of them, and whose
    /// years' coverage did not change, keeps its dates; the rest must be recomputed (rule book 8.5).
    /// </summary>
    public IReadOnlyList<DateOnly> ChangedDates(HolidayTable other) =>
        [.. Rows.Except(other.Rows).Concat(other.Rows.Except(Rows)).Select(r => r.Date).Distinct().Order()];

    public IReadOnlyList<HolidayRow> On(DateOnly date) => _byDate.TryGetValue(date, out var rows) ? rows : [];

    internal int MinYear => Rows.Count == 0 ? 2022 : Rows[0].Date.Year;

    internal int MaxYear => Rows.Count == 0 ? 2022 : Rows[^1].Date.Year;

    public static IReadOnlyList<HolidayRow> ParseGovUk(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var rows = new List<HolidayRow>();
        foreach (var divisionProperty in doc.RootElement.EnumerateObject())
        {
            if (!Divisions.TryParse(divisionProperty.Name, out var division))
            {
                throw new FormatException($"bank-holidays.json: unknown division '{divisionProperty.Name}'");
            }

            foreach (var e in divisionProperty.Value.GetProperty("events").EnumerateArray())
            {
                var dateText = e.GetProperty("date").GetString() ?? throw new FormatException("bank-holidays.json: event without a date");
                var date = DateOnly.ParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var title = e.GetProperty("title").GetString() ?? "";
                rows.Add(new HolidayRow(date, title, division));
            }
        }

        return rows;
    }

    private static HolidayTable LoadEmbedded()
    {
        var assembly = typeof(HolidayTable).Assembly;
        using var stream = assembly.GetManifestResourceStream("FoiDesk.Deadlines.uk-bank-holidays.json")
            ?? throw new InvalidOperationException("embedded uk-bank-holidays.json is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromGovUkJson(reader.ReadToEnd());
    }

    private static string HashOf(IReadOnlyList<HolidayRow> rows)
    {
        var text = new StringBuilder();
        foreach (var r in rows)
        {
            text.Append(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                .Append(r.Division.Key()).Append('|')
                .Append(r.Title).Append('|')
                .Append(r.Source).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
