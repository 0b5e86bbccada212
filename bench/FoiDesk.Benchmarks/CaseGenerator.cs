using Dapper;
using FoiDesk.Deadlines;
using Npgsql;
using NpgsqlTypes;

namespace FoiDesk.Benchmarks;

/// <summary>
/// Synthetic load for benchmarks: cases received 2022 to today with a realistic mix (mostly FOIA, some EIR,
/// reviews and subject access; old cases answered, mostly on time; recent ones open), questions spread over
/// teams and commissioners, and clock events. Written with binary COPY. References are BENCH-NNNNNNN so they
/// never collide with real FOI-YYYY-NNNNN references. Not for production databases.
/// </summary>
public sealed class CaseGenerator(NpgsqlDataSource db, TimeProvider time)
{
    private static readonly string[] Topics =
    [
        "parking permits", "pothole repairs", "street lighting", "library closures", "school transport", "bin collections",
        "housing repairs", "planning enforcement", "consultant spending", "council tax arrears", "social care placements",
        "air quality monitoring", "tree felling", "bus lane fines", "homelessness", "agency staff", "IT contracts",
        "flood defences", "grass cutting", "taxi licensing",
    ];

    private static readonly string[] Places = ["Grays", "Tilbury", "Stanford-le-Hope", "Purfleet", "Corringham", "Aveley", "Chadwell St Mary", "South Ockendon"];

    private static readonly string[] Asks =
    [
        "How many complaints about {0} in {1} did you receive in each of the last three years?",
        "What was the total spent on {0} in {1} in each financial year since 2020?",
        "Please provide a copy of any policy on {0}.",
        "How many staff work on {0}, and at what grades?",
        "Please list every contract for {0} in {1} over £25,000, with supplier and value.",
        "What targets apply to {0}, and were they met?",
    ];

    private static readonly string[] ExemptionCodes = ["s40(2)", "s43(2)", "s31(1)(a)", "s21", "s12", "s14(1)", "s36(2)(c)"];

    public async Task<GenerateResult> GenerateAsync(GenerateOptions o, TextWriter progress, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var conn = await db.OpenConnectionAsync(ct);

        // A bulk load builds the secondary indexes once at the end (as pg_restore does) rather than row by row:
        // at millions of rows, maintaining the GIN and partial indexes per row is most of the load time.
        var indexes = await SecondaryIndexesAsync(conn, ct);
        await conn.ExecuteAsync(new CommandDefinition("set synchronous_commit = off; set maintenance_work_mem = '256MB'", cancellationToken: ct));
        var dropped = new List<IndexDefinition>();
        GenerateResult loaded;
        try
        {
            foreach (var index in indexes)
            {
                await conn.ExecuteAsync(new CommandDefinition($"drop index if exists {index.Name}", cancellationToken: ct));
                dropped.Add(index);
            }

            loaded = await LoadAsync(conn, o, progress, ct);
        }
        finally
        {
            // Whatever happened to the load (a failed COPY, a cancel), the tables get their indexes back: without
            // them every page reading these tables falls back to sequential scans.
            await RebuildAsync(dropped, progress);
        }

        // The time includes the index builds, which are part of any bulk load.
        return loaded with { Seconds = time.GetElapsedTime(started).TotalSeconds };
    }

    private async Task<GenerateResult> LoadAsync(NpgsqlConnection conn, GenerateOptions o, TextWriter progress, CancellationToken ct)
    {
        var rng = new Random(o.Seed);
        var now = time.GetUtcNow();
        var today = LondonTime.DateOf(now);
        var calendar = HolidayTable.Embedded.Calendar(CalendarId.Uk);
        var (teams, commissioners) = await PeopleAsync(conn, o, now, ct);

        var first = await conn.ExecuteScalarAsync<long>("select nextval(pg_get_serial_sequence('foi_case', 'id'))");
        var plans = new CasePlan[o.Cases];
        var start = new DateOnly(2022, 1, 4);
        var span = today.DayNumber - start.DayNumber;
        for (var i = 0; i < o.Cases; i++)
        {
            plans[i] = Plan(rng, start.AddDays(rng.Next(span)), today, calendar);
        }

        progress.WriteLine($"writing {o.Cases} cases");
        foreach (var (from, to) in Chunks(o.Cases))
        {
            await using var w = await conn.BeginBinaryImportAsync(
                "copy foi_case (reference, classification, classification_confirmed, regime, status, outcome, subject, received_at, requester_name, requester_email, request_text, created_at) from stdin (format binary)", ct);
            w.Timeout = TimeSpan.FromHours(1);
            for (var i = from; i < to; i++)
            {
                var p = plans[i];
                var topic = Topics[(int)((uint)i * 2654435761u % (uint)Topics.Length)];
                await w.StartRowAsync(ct);
                await w.WriteAsync($"BENCH-{i + 1:D7}", NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Classification, NpgsqlDbType.Text, ct);
                await w.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(p.Regime, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Status, NpgsqlDbType.Text, ct);
                if (p.Outcome is null)
                {
                    await w.WriteNullAsync(ct);
                }
                else
                {
                    await w.WriteAsync(p.Outcome, NpgsqlDbType.Text, ct);
                }

                await w.WriteAsync($"Request about {topic}", NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync($"Requester {i % 5000}", NpgsqlDbType.Text, ct);
                await w.WriteAsync($"requester{i % 5000}@example.org", NpgsqlDbType.Text, ct);
                await w.WriteAsync($"Dear council, please tell me about {topic}.", NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
            }

            await w.CompleteAsync(ct);
            progress.WriteLine($"  {to} of {o.Cases} cases");
        }

        // COPY took ids from the sequence in row order, right after the one reserved above; check before relying on it.
        var firstId = first + 1;
        var check = await conn.ExecuteScalarAsync<string>("select reference from foi_case where id = @id", new { id = firstId + o.Cases - 1 });
        if (check != $"BENCH-{o.Cases:D7}")
        {
            throw new InvalidOperationException("case ids were not allocated contiguously (another writer?); generate into a quiet database");
        }

        progress.WriteLine($"writing {(long)o.Cases * o.QuestionsPerCase} questions");
        long questions = 0;
        foreach (var (from, to) in Chunks(o.Cases))
        {
            await using var w = await conn.BeginBinaryImportAsync(
                "copy question (case_id, position, number, text, original_text, status, team_id, assignee_id, assigned_at, answer, answer_kind, exemption, updated_at) from stdin (format binary)", ct);
            w.Timeout = TimeSpan.FromHours(1);
            for (var i = from; i < to; i++)
            {
                var p = plans[i];
                var team = teams[rng.Next(teams.Count)];
                for (var n = 1; n <= o.QuestionsPerCase; n++)
                {
                    var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Asks[rng.Next(Asks.Length)], Topics[rng.Next(Topics.Length)], Places[rng.Next(Places.Length)]);
                    var status = p.QuestionStatus(rng);
                    var assigned = status != "unassigned";
                    var exempt = p.Answered && rng.NextDouble() < 0.06;
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(n, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Text, ct);
                    await w.WriteAsync(text, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(text, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(status, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(team, NpgsqlDbType.Bigint, ct);
                    if (assigned)
                    {
                        await w.WriteAsync(commissioners[rng.Next(commissioners.Count)], NpgsqlDbType.Bigint, ct);
                        await w.WriteAsync(p.ReceivedAt.AddDays(rng.Next(1, 4)), NpgsqlDbType.TimestampTz, ct);
                    }
                    else
                    {
                        await w.WriteNullAsync(ct);
                        await w.WriteNullAsync(ct);
                    }

                    await w.WriteAsync(p.Answered ? (exempt ? "Withheld." : "The information is attached.") : "", NpgsqlDbType.Text, ct);
                    if (p.Answered)
                    {
                        await w.WriteAsync(exempt ? "exempt" : "answer", NpgsqlDbType.Text, ct);
                    }
                    else
                    {
                        await w.WriteNullAsync(ct);
                    }

                    if (exempt)
                    {
                        await w.WriteAsync($"{{\"section\": \"{ExemptionCodes[rng.Next(ExemptionCodes.Length)]}\"}}", NpgsqlDbType.Jsonb, ct);
                    }
                    else
                    {
                        await w.WriteNullAsync(ct);
                    }

                    await w.WriteAsync(p.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
                    questions++;
                }
            }

            await w.CompleteAsync(ct);
            progress.WriteLine($"  {to} of {o.Cases} cases");
        }

        progress.WriteLine("writing clock events");
        long events = 0;
        foreach (var (from, to) in Chunks(o.Cases))
        {
            await using var w = await conn.BeginBinaryImportAsync("copy clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note) from stdin (format binary)", ct);
            w.Timeout = TimeSpan.FromHours(1);
            for (var i = from; i < to; i++)
            {
                foreach (var (name, on) in plans[i].Events)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(firstId + i, NpgsqlDbType.Bigint, ct);
                    await w.WriteAsync(name, NpgsqlDbType.Text, ct);
                    await w.WriteAsync(on, NpgsqlDbType.Date, ct);
                    await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync("generate", NpgsqlDbType.Text, ct);
                    await w.WriteAsync("", NpgsqlDbType.Text, ct);
                    events++;
                }
            }

            await w.CompleteAsync(ct);
            progress.WriteLine($"  {to} of {o.Cases} cases");
        }

        return new GenerateResult(o.Cases, questions, events, 0);
    }

    /// <summary>
    /// Builds the dropped indexes again, then analyzes. On its own connection and without the caller's token: after
    /// a failure the load's connection may be unusable, and after a cancel the rebuild must still happen.
    /// </summary>
    private async Task RebuildAsync(List<IndexDefinition> dropped, TextWriter progress)
    {
        await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync("set maintenance_work_mem = '256MB'");
        foreach (var index in dropped)
        {
            progress.WriteLine($"indexing {index.Name}");
            await conn.ExecuteAsync(new CommandDefinition(index.Definition, commandTimeout: 0));
        }

        progress.WriteLine("analyze");
        await conn.ExecuteAsync(new CommandDefinition("analyze foi_case; analyze question; analyze clock_event", commandTimeout: 0));
    }

    /// <summary>COPY in chunks: each is its own statement and transaction, so no one command runs for an hour.</summary>
    private static IEnumerable<(int From, int To)> Chunks(int count, int size = 100_000)
    {
        for (var from = 0; from < count; from += size)
        {
            yield return (from, Math.Min(count, from + size));
        }
    }

    private sealed record IndexDefinition(string Name, string Definition);

    /// <summary>The indexes of the loaded tables that back no constraint (primary keys and unique keys stay).</summary>
    private static async Task<List<IndexDefinition>> SecondaryIndexesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        const string Sql = """
            select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
            from pg_index i
            where i.indrelid in ('foi_case'::regclass, 'question'::regclass, 'clock_event'::regclass)
              and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
            order by name
            """;
        return (await conn.QueryAsync<IndexDefinition>(new CommandDefinition(Sql, cancellationToken: ct))).ToList();
    }

    private sealed record CasePlan(string Classification, string Regime, string Status, string? Outcome, DateTimeOffset ReceivedAt, bool Answered, List<(string Name, DateOnly On)> Events)
    {
        public string QuestionStatus(Random rng) => Status switch
        {
            "responded" => "approved",
            "closed" => "unassigned",
            "awaiting-approval" => "submitted",
            "new" => "unassigned",
            _ => rng.Next(4) switch { 0 => "assigned", 1 => "drafting", 2 => "submitted", _ => "returned" },
        };
    }

    private static CasePlan Plan(Random rng, DateOnly receipt, DateOnly today, WorkingCalendar calendar)
    {
        var roll = rng.NextDouble();
        var (classification, regime) = roll switch
        {
            < 0.86 => ("foi", "foia"),
            < 0.93 => ("eir", "eir"),
            < 0.97 => ("review", "foia-review"),
            _ => ("sar", "sar"),
        };
        var receivedAt = new DateTimeOffset(receipt.ToDateTime(new TimeOnly(9 + rng.Next(8), rng.Next(60))), TimeSpan.Zero);
        var events = new List<(string, DateOnly)>();
        var age = calendar.CountWorkingDays(receipt, today);

        // Recent cases are still being answered; a few old ones are stuck (the overdue list).
        var open = age < 25 ? rng.NextDouble() < 0.85 : rng.NextDouble() < 0.0004;
        if (open)
        {
            var status = rng.Next(10) switch { 0 => "new", 1 => "on-hold", 2 => "awaiting-approval", _ => "open" };
            if (status == "on-hold" && regime is "foia" or "eir")
            {
                events.Add(("clarification_sent", receipt.AddDays(2) <= today ? receipt.AddDays(2) : receipt));
            }

            return new CasePlan(classification, regime, status, null, receivedAt, false, events);
        }

        if (rng.NextDouble() < 0.05)
        {
            return new CasePlan(classification, regime, "closed", rng.Next(2) == 0 ? "withdrawn" : "lapsed", receivedAt, false, events);
        }

        // About 88% answered within 20 working days; the rest up to 15 days late.
        var pit = regime == "foia" && rng.NextDouble() < 0.02;
        var days = rng.NextDouble() < 0.88 ? rng.Next(3, 21) : rng.Next(21, 36);
        if (pit)
        {
            events.Add(("pit_notice_sent", calendar.AddWorkingDays(receipt, 18)));
            days = rng.Next(25, 41);
        }

        var sent = calendar.AddWorkingDays(receipt, days);
        if (sent > today)
        {
            sent = today;
        }

        events.Add(("response_sent", sent));
        var outcome = classification == "review"
            ? rng.Next(10) switch { < 6 => "upheld", < 8 => "partly-upheld", _ => "overturned" }
            : rng.Next(20) switch { < 11 => "granted", < 15 => "partly-granted", < 17 => "refused", _ => "not-held" };
        return new CasePlan(classification, regime, "responded", outcome, receivedAt, true, events);
    }

    private static async Task<(List<long> Teams, List<long> Commissioners)> PeopleAsync(NpgsqlConnection conn, GenerateOptions o, DateTimeOffset now, CancellationToken ct)
    {
        var teams = new List<long>();
        for (var t = 1; t <= o.Teams; t++)
        {
            teams.Add(await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "insert into team (name) values (@name) on conflict (name) do update set name = excluded.name returning id", new { name = $"Bench team {t}" }, cancellationToken: ct)));
        }

        var people = new List<long>();
        for (var c = 1; c <= o.Commissioners; c++)
        {
            // No usable password: these accounts exist only to own questions.
            var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into account (email, display_name, password_hash, roles, created_at)
                values (@email, @name, '!', array['commissioner'], @now)
                on conflict (email) do update set display_name = excluded.display_name returning id
                """, new { email = $"bench-commissioner-{c}@bench.foidesk.local", name = $"Bench commissioner {c}", now }, cancellationToken: ct));
            people.Add(id);
            await conn.ExecuteAsync(new CommandDefinition("insert into team_member (team_id, account_id) values (@team, @id) on conflict do nothing", new { team = teams[c % teams.Count], id }, cancellationToken: ct));
        }

        return (teams, people);
    }
}
