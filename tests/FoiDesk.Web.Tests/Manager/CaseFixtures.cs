using Dapper;
using FoiDesk.Cases;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.Web.Tests.Manager;

/// <summary>Sets up cases directly (the officer pages that make them belong to another part of the app).</summary>
internal static class CaseFixtures
{
    public static async Task<(long Id, string Reference)> OpenAsync(TestWebApp app, DateTimeOffset received, string subject, string[] questions, string classification = "foi", string regime = "foia", string status = "open")
    {
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var opened = await store.OpenAsync(conn, tx, new NewCase
        {
            Classification = classification,
            Regime = regime,
            Subject = subject,
            ReceivedAt = received,
            RequesterName = "Alex Requester",
            RequesterEmail = "alex@example.org",
            RequestText = string.Join("\n", questions),
            Questions = [.. questions.Select((q, i) => new NewQuestion((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), q, [], ""))],
        }, "test", CancellationToken.None);
        await conn.ExecuteAsync("update foi_case set status = @status, classification_confirmed = true where id = @Id", new { status, opened.Id }, tx);
        await tx.CommitAsync();
        return opened;
    }

    public static async Task ExecuteAsync(TestWebApp app, string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.ExecuteAsync(sql, args);
    }

    public static async Task<T> ScalarAsync<T>(TestWebApp app, string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static Task<long> AccountIdAsync(TestWebApp app, string role) =>
        ScalarAsync<long>(app, "select id from account where email = @email", new { email = TestWebApp.EmailFor(role) });

    public static async Task RecordAsync(TestWebApp app, string reference, string clockEvent, DateOnly date)
    {
        var store = app.Services.GetRequiredService<CaseStore>();
        var c = await store.FindAsync(reference, CancellationToken.None) ?? throw new InvalidOperationException(reference);
        await app.Services.GetRequiredService<CaseClock>().RecordAsync(c, clockEvent, date, "test", "", CancellationToken.None);
    }

    public static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);
}
