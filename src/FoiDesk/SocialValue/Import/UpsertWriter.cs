using Dapper;
using Npgsql;

namespace FoiDesk.SocialValue.Import;

/// <summary>
/// Upserts rows by natural key inside the import's transaction and counts what happened to each. The
/// "where ... is distinct from" clause leaves an identical row untouched (no new row version, last_import_id
/// kept), and "returning xmax = 0" tells an insert from an update; a row that comes back with nothing was
/// unchanged.
/// </summary>
internal sealed class UpsertWriter(NpgsqlConnection conn, NpgsqlTransaction tx, long importId, IProgress<ImportProgress>? progress, CancellationToken ct)
{
    public Task<TableCounts> WriteAsync(TableSpec spec, IReadOnlyList<ParsedRow> rows)
    {
        var columns = spec.Columns.Where(c => c.DbColumn.Length > 0).ToList();
        var sql = BuildSql(spec.DbTable, [spec.Key], columns.Select(c => c.DbColumn).ToList());
        return RunAsync(spec.Name, sql, rows.Select(r => Parameters(columns.Select(c => (c.DbColumn, r.Values[c.Name])))).ToList());
    }

    public Task<TableCounts> WriteDerivedAsync(string name, string table, IReadOnlyList<string> key, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var columns = rows.Count > 0 ? rows[0].Keys.ToList() : [];
        return RunAsync(name, BuildSql(table, key, columns), rows.Select(r => Parameters(r.Select(kv => (kv.Key, kv.Value)))).ToList());
    }

    private async Task<TableCounts> RunAsync(string name, string sql, List<DynamicParameters> rows)
    {
        int inserted = 0, updated = 0, done = 0;
        foreach (var parameters in rows)
        {
            ct.ThrowIfCancellationRequested();
            var result = await conn.QuerySingleOrDefaultAsync<bool?>(sql, parameters, tx);
            if (result == true)
            {
                inserted++;
            }
            else if (result == false)
            {
                updated++;
            }

            if (++done % 200 == 0)
            {
                progress?.Report(new("write", name, done, rows.Count));
            }
        }

        progress?.Report(new("write", name, rows.Count, rows.Count));
        return new TableCounts(inserted, updated, rows.Count - inserted - updated);
    }

    private DynamicParameters Parameters(IEnumerable<(string Column, object? Value)> values)
    {
        var p = new DynamicParameters();
        foreach (var (column, value) in values)
        {
            p.Add(column, value);
        }

        p.Add("last_import_id", importId);
        return p;
    }

    private static string BuildSql(string table, IReadOnlyList<string> key, IReadOnlyList<string> columns)
    {
        // Identifiers come from TableSpecs (compile-time constants), never from input.
        var all = columns.Append("last_import_id").ToList();
        var data = columns.Where(c => !key.Contains(c)).ToList();
        return $"""
            insert into {table} ({string.Join(", ", all)})
            values ({string.Join(", ", all.Select(c => "@" + c))})
            on conflict ({string.Join(", ", key)}) do update set
                {string.Join(", ", all.Where(c => !key.Contains(c)).Select(c => $"{c} = excluded.{c}"))}
            where ({string.Join(", ", data.Select(c => $"{table}.{c}"))}) is distinct from ({string.Join(", ", data.Select(c => $"excluded.{c}"))})
            returning (xmax = 0)
            """;
    }
}
