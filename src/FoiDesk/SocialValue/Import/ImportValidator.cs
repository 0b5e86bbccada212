using System.Globalization;

namespace FoiDesk.SocialValue.Import;

/// <summary>A row that passed its checks: typed values by export column name.</summary>
public sealed record ParsedRow(string Origin, int Line, string Key, IReadOnlyDictionary<string, object?> Values)
{
    public string? Text(string column) => (string?)Values[column];
}

/// <summary>Keys already stored, so an import of one period's returns can refer to contracts loaded earlier.</summary>
public sealed record ExistingKeys
{
    public required IReadOnlySet<string> Frameworks { get; init; }
    /// <summary>measure_code → (framework_code, unit_code).</summary>
    public required IReadOnlyDictionary<string, (string Framework, string Unit)> Measures { get; init; }
    public required IReadOnlySet<string> Contracts { get; init; }
    /// <summary>commitment_id → (contract_ref, measure_code, unit_code).</summary>
    public required IReadOnlyDictionary<string, (string Contract, string Measure, string Unit)> Commitments { get; init; }
    /// <summary>(commitment_id, period_label) → return_id.</summary>
    public required IReadOnlyDictionary<(string, string), string> ReturnPeriods { get; init; }

    public static ExistingKeys None { get; } = new()
    {
        Frameworks = new HashSet<string>(),
        Measures = new Dictionary<string, (string, string)>(),
        Contracts = new HashSet<string>(),
        Commitments = new Dictionary<string, (string, string, string)>(),
        ReturnPeriods = new Dictionary<(string, string), string>(),
    };
}

/// <summary>The checked content of an import, ready to write (nothing is written unless Errors is empty).</summary>
public sealed record ValidatedImport
{
    public required IReadOnlyDictionary<string, IReadOnlyList<ParsedRow>> Tables { get; init; }
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Themes { get; init; }
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Outcomes { get; init; }
    public required IReadOnlyList<ImportError> Errors { get; init; }
}

/// <summary>
/// Checks every row of every table and collects every problem (rather than stopping at the first), so a
/// commissioner can fix an export in one pass: bad numbers and dates, unknown codes, duplicate keys, missing
/// columns, references to rows that exist neither in the import nor in the database.
/// </summary>
public static class ImportValidator
{
    public static ValidatedImport Validate(ImportSource source, ExistingKeys existing, IProgress<ImportProgress>? progress = null)
    {
        var errors = new List<ImportError>();
        var parsed = new Dictionary<string, IReadOnlyList<ParsedRow>>(StringComparer.Ordinal);
        foreach (var table in source.Tables)
        {
            var spec = TableSpecs.Find(table.Name) ?? throw new ArgumentException($"unknown table {table.Name}", nameof(source));
            if (parsed.ContainsKey(spec.Name))
            {
                errors.Add(new(table.Origin, 1, null, $"{spec.Name} is supplied twice in one import"));
                continue;
            }

            parsed[spec.Name] = ParseTable(spec, table, errors, progress);
        }

        var keys = parsed.ToDictionary(p => p.Key, p => p.Value.Select(r => r.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        bool Known(string table, string key) =>
            (keys.TryGetValue(table, out var set) && set.Contains(key)) || table switch
            {
                "frameworks" => existing.Frameworks.Contains(key),
                "measures" => existing.Measures.ContainsKey(key),
                "contracts" => existing.Contracts.Contains(key),
                "commitments" => existing.Commitments.ContainsKey(key),
                _ => false,
            };

        foreach (var spec in TableSpecs.All)
        {
            if (!parsed.TryGetValue(spec.Name, out var rows))
            {
                continue;
            }

            foreach (var row in rows)
            {
                foreach (var fk in spec.ForeignKeys)
                {
                    var value = row.Text(fk.Column);
                    if (value is not null && !Known(fk.Table, value))
                    {
                        errors.Add(new(row.Origin, row.Line, fk.Column, $"unknown {fk.Column} '{value}': not in {fk.Table} (this import or stored)"));
                    }
                }
            }
        }

        var measures = new Dictionary<string, (string Framework, string Unit)>(existing.Measures, StringComparer.Ordinal);
        foreach (var m in parsed.GetValueOrDefault("measures") ?? [])
        {
            measures[m.Key] = (m.Text("framework_code")!, m.Text("unit_code")!);
        }

        var commitments = new Dictionary<string, (string Contract, string Measure, string Unit)>(existing.Commitments, StringComparer.Ordinal);
        foreach (var c in parsed.GetValueOrDefault("commitments") ?? [])
        {
            commitments[c.Key] = (c.Text("contract_ref")!, c.Text("measure_code")!, c.Text("unit_code")!);
            if (measures.TryGetValue(c.Text("measure_code")!, out var measure))
            {
                CheckSame(errors, c, "framework_code", measure.Framework, "the measure's framework");
                CheckSame(errors, c, "unit_code", measure.Unit, "the measure's unit");
            }
        }

        foreach (var q in parsed.GetValueOrDefault("qualitative_commitments") ?? [])
        {
            if (measures.TryGetValue(q.Text("measure_code")!, out var measure))
            {
                CheckSame(errors, q, "framework_code", measure.Framework, "the measure's framework");
            }
        }

        CheckReturns(parsed.GetValueOrDefault("returns") ?? [], commitments, existing, errors);
        var (themes, outcomes) = SplitThemes(parsed.GetValueOrDefault("measures") ?? [], errors);
        return new ValidatedImport
        {
            Tables = parsed,
            Themes = themes,
            Outcomes = outcomes,
            Errors = [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)],
        };
    }

    private static void CheckReturns(
        IReadOnlyList<ParsedRow> returns,
        Dictionary<string, (string Contract, string Measure, string Unit)> commitments,
        ExistingKeys existing,
        List<ImportError> errors)
    {
        var periods = new Dictionary<(string, string), ParsedRow>();
        foreach (var r in returns)
        {
            var commitmentId = r.Text("commitment_id")!;
            if (commitments.TryGetValue(commitmentId, out var c))
            {
                CheckSame(errors, r, "contract_ref", c.Contract, $"commitment {commitmentId}'s contract");
                CheckSame(errors, r, "measure_code", c.Measure, $"commitment {commitmentId}'s measure");
                CheckSame(errors, r, "unit_code", c.Unit, $"commitment {commitmentId}'s unit");
            }

            var period = (commitmentId, r.Text("period_label")!);
            if (periods.TryGetValue(period, out var first))
            {
                errors.Add(new(r.Origin, r.Line, "period_label", $"a second return for {commitmentId} in {period.Item2} (first on line {first.Line})"));
            }
            else
            {
                periods[period] = r;
            }

            if (existing.ReturnPeriods.TryGetValue(period, out var storedId) && storedId != r.Key)
            {
                errors.Add(new(r.Origin, r.Line, "return_id", $"return {storedId} is already stored for {commitmentId} in {period.Item2}"));
            }

            if (r.Values["period_end"] is DateOnly end && r.Values["period_start"] is DateOnly start && end < start)
            {
                errors.Add(new(r.Origin, r.Line, "period_end", "period_end is before period_start"));
            }
        }
    }

    private static void CheckSame(List<ImportError> errors, ParsedRow row, string column, string expected, string what)
    {
        var actual = row.Text(column);
        if (actual is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            errors.Add(new(row.Origin, row.Line, column, $"'{actual}' does not match {what} '{expected}'"));
        }
    }

    private static (List<IReadOnlyDictionary<string, object?>>, List<IReadOnlyDictionary<string, object?>>) SplitThemes(IReadOnlyList<ParsedRow> measures, List<ImportError> errors)
    {
        var themes = new Dictionary<(string, string), ParsedRow>();
        var outcomes = new Dictionary<(string, string), ParsedRow>();
        foreach (var m in measures)
        {
            var framework = m.Text("framework_code")!;
            var themeKey = (framework, m.Text("theme_code")!);
            if (!themes.TryAdd(themeKey, m))
            {
                CheckSame(errors, m, "theme_name", themes[themeKey].Text("theme_name")!, $"the name of theme {themeKey.Item2} on line {themes[themeKey].Line}");
            }

            var outcome = m.Text("outcome_code");
            if (outcome is null)
            {
                continue;
            }

            if (m.Text("outcome_name") is null)
            {
                errors.Add(new(m.Origin, m.Line, "outcome_name", "an outcome_code needs an outcome_name"));
                continue;
            }

            var outcomeKey = (framework, outcome);
            if (!outcomes.TryAdd(outcomeKey, m))
            {
                var first = outcomes[outcomeKey];
                CheckSame(errors, m, "outcome_name", first.Text("outcome_name")!, $"the name of outcome {outcome} on line {first.Line}");
                CheckSame(errors, m, "theme_code", first.Text("theme_code")!, $"the theme of outcome {outcome} on line {first.Line}");
            }
        }

        return (
            [.. themes.Values.Select(Pick(TableSpecs.ThemeColumns))],
            [.. outcomes.Values.Select(Pick(TableSpecs.OutcomeColumns))]);
    }

    private static Func<ParsedRow, IReadOnlyDictionary<string, object?>> Pick(IReadOnlyList<string> columns) =>
        row => columns.ToDictionary(c => c, c => row.Values[c], StringComparer.Ordinal);

    private static List<ParsedRow> ParseTable(TableSpec spec, SourceTable table, List<ImportError> errors, IProgress<ImportProgress>? progress)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i].Trim();
            if (!index.TryAdd(name, i) && spec.Columns.Any(c => c.Name == name))
            {
                errors.Add(new(table.Origin, 1, name, "column appears twice in the header"));
            }
        }

        var missing = spec.Columns.Where(c => !c.MayBeAbsent && !index.ContainsKey(c.Name)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new(table.Origin, 1, column.Name, "missing required column"));
        }

        if (missing.Count > 0)
        {
            return [];
        }

        var rows = new List<ParsedRow>(table.Rows.Count);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        foreach (var row in table.Rows)
        {
            if (++done % 500 == 0)
            {
                progress?.Report(new("check", spec.Name, done, table.Rows.Count));
            }

            if (row.Fields.Count != table.Header.Count)
            {
                errors.Add(new(table.Origin, row.Line, null, $"{row.Fields.Count} fields where the header has {table.Header.Count}"));
                continue;
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            var ok = true;
            foreach (var column in spec.Columns)
            {
                var raw = index.TryGetValue(column.Name, out var at) ? row.Fields[at].Trim() : "";
                if (TryConvert(column, raw, out var value, out var reason))
                {
                    values[column.Name] = value;
                }
                else
                {
                    errors.Add(new(table.Origin, row.Line, column.Name, reason));
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            var key = (string)values[spec.Key]!;
            if (!firstLine.TryAdd(key, row.Line))
            {
                errors.Add(new(table.Origin, row.Line, spec.Key, $"duplicate key '{key}' (first on line {firstLine[key]})"));
                continue;
            }

            rows.Add(new ParsedRow(table.Origin, row.Line, key, values));
        }

        progress?.Report(new("check", spec.Name, table.Rows.Count, table.Rows.Count));
        return rows;
    }

    internal static bool TryConvert(ColumnSpec column, string raw, out object? value, out string reason)
    {
        value = null;
        reason = "";
        if (raw.Length == 0)
        {
            if (column.Required)
            {
                reason = "a value is required";
                return false;
            }

            value = column.Kind == ColumnKind.List ? Array.Empty<string>() : null;
            return true;
        }

        switch (column.Kind)
        {
            case ColumnKind.Text when column.Allowed is not null && !column.Allowed.Contains(raw):
                reason = $"unknown value '{raw}'; expected one of {string.Join(", ", column.Allowed.Order(StringComparer.Ordinal))}";
                return false;
            case ColumnKind.Text:
                value = raw;
                return true;
            case ColumnKind.Quantity or ColumnKind.Money or ColumnKind.Percent:
                // Plain decimal notation only: no thousands separators, currency signs or exponents, which
                // spreadsheets add and which would otherwise be read in a locale-dependent way.
                if (!decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
                {
                    reason = $"'{raw}' is not a decimal number";
                    return false;
                }

                if (column.Kind == ColumnKind.Money && d.Scale > 2 && d != Math.Round(d, 2))
                {
                    reason = $"'{raw}' has more than 2 decimal places for an amount in pounds";
                    return false;
                }

                if (column.Kind == ColumnKind.Percent && d is < 0 or > 100)
                {
                    reason = $"'{raw}' is not a percentage between 0 and 100";
                    return false;
                }

                value = d;
                return true;
            case ColumnKind.Date:
                if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    reason = $"'{raw}' is not a date (YYYY-MM-DD)";
                    return false;
                }

                value = date;
                return true;
            case ColumnKind.YesNo:
                if (raw is not ("Y" or "N"))
                {
                    reason = $"unknown value '{raw}'; expected Y or N";
                    return false;
                }

                value = raw == "Y";
                return true;
            case ColumnKind.List:
                var items = raw.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var unknown = column.Allowed is null ? null : items.FirstOrDefault(i => !column.Allowed.Contains(i));
                if (unknown is not null)
                {
                    reason = $"unknown value '{unknown}'; expected any of {string.Join(", ", column.Allowed!.Order(StringComparer.Ordinal))}";
                    return false;
                }

                value = items;
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null);
        }
    }
}
