using Dapper;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Database;
using FoiDesk.Deadlines;
using FoiDesk.Notifications;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FoiDesk.Tests.Deadlines.Store;

/// <summary>A fresh migrated database with the clock services wired by hand, as the host wires them.</summary>
public sealed class ClockDatabase : IAsyncDisposable
{
    private ClockDatabase(NpgsqlDataSource db, ManualTime time, InternalTargetOptions targets)
    {
        Db = db;
        Time = time;
        Cases = new CaseStore(db, time);
        Holidays = new HolidayStore(db, time);
        Admin = new HolidayAdmin(Holidays, new AuditLog(db, time));
        Clock = new CaseClock(Cases, Holidays, time);
        Targets = new QuestionTargets(Cases, Holidays, Options.Create(targets));
        Reminders = new Reminders(db, Cases, Holidays, Options.Create(targets), time, NullLogger<Reminders>.Instance);
    }

    public NpgsqlDataSource Db { get; }
    public ManualTime Time { get; }
    public CaseStore Cases { get; }
    public HolidayStore Holidays { get; }
    public HolidayAdmin Admin { get; }
    public CaseClock Clock { get; }
    public QuestionTargets Targets { get; }
    public Reminders Reminders { get; }

    public static async Task<ClockDatabase> CreateAsync(DateTimeOffset now, InternalTargetOptions? targets = null)
    {
        DapperSetup.Configure();
        var db = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        return new ClockDatabase(db, new ManualTime(now), targets ?? InternalTargetOptions.Default);
    }

    /// <summary>Opens a FOIA case received at <paramref name="received"/> with the given questions (numbered 1, 2, ...).</summary>
    public async Task<(long Id, string Reference)> OpenFoiaAsync(DateTimeOffset received, params string[] questions)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var opened = await Cases.OpenAsync(conn, tx, new NewCase
        {
            Classification = Classifications.Foi,
            Regime = "foia",
            Subject = "Test request",
            ReceivedAt = received,
            RequestText = string.Join("\n", questions),
            Questions = [.. questions.Select((q, i) => new NewQuestion((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), q, [], q))],
        }, "test", CancellationToken.None);
        await conn.ExecuteAsync("update foi_case set status = 'open' where id = @Id", new { opened.Id }, tx);
        await tx.CommitAsync();
        return opened;
    }

    public async Task<DateOnly> ResponseDueAsync(long caseId)
    {
        var c = await Cases.FindAsync(caseId, CancellationToken.None);
        var result = await Clock.ComputeAsync(c!, CancellationToken.None);
        return result!.Dates[DateNames.ResponseDue];
    }

    public async Task<long> AccountAsync(string email, params string[] roles)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(
            "insert into account (email, display_name, password_hash, roles, created_at) values (@email, @email, 'x', @roles, @now) returning id",
            new { email, roles, now = Time.GetUtcNow() });
    }

    public async Task<long> TeamAsync(string name, params long[] members)
    {
        await using var conn = await Db.OpenConnectionAsync();
        // Teams may already exist: migrations seed a council's usual ones.
        var id = await conn.ExecuteScalarAsync<long>(
            "insert into team (name) values (@name) on conflict (name) do update set name = excluded.name returning id", new { name });
        foreach (var m in members)
        {
            await conn.ExecuteAsync("insert into team_member (team_id, account_id) values (@id, @m)", new { id, m });
        }

        return id;
    }

    /// <summary>Assigns the case's question at position 1 (what the assignment UI will do).</summary>
    public async Task<long> AssignFirstQuestionAsync(long caseId, long teamId, long assigneeId, DateTimeOffset at)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("""
            update question set team_id = @teamId, assignee_id = @assigneeId, assigned_at = @at, status = 'assigned'
            where case_id = @caseId and position = 1 returning id
            """, new { caseId, teamId, assigneeId, at });
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, args);
    }

    public async Task<IReadOnlyList<NotificationRow>> NotificationsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<NotificationRow>($"select {NotificationRow.Columns} from notification order by id")];
    }

    public async Task<IReadOnlyList<CaseEventRow>> RecomputeEventsAsync(long caseId) =>
        [.. (await Cases.TimelineAsync(caseId, CancellationToken.None)).Where(e => e.Kind == "deadlines-recomputed")];

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();
}
