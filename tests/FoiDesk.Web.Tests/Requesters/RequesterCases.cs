using FoiDesk.Cases;
using FoiDesk.Questions;
using FoiDesk.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Requesters;

/// <summary>Opens cases with a chosen requester, questions and receipt time, straight into the real database.</summary>
internal static class RequesterCases
{
    public static async Task<CaseRow> OpenAsync(TestWebApp app, string name, string? email, DateTimeOffset received, string[] questions,
        string regime = "foia", string closing = "", long? wdtkRequestId = null, string? subject = null)
    {
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var (_, reference) = await store.OpenAsync(conn, tx, new NewCase
        {
            Classification = regime == "eir" ? Classifications.Eir : Classifications.Foi,
            Regime = regime,
            Subject = subject ?? $"Request from {name}",
            ReceivedAt = received,
            RequesterName = name,
            RequesterEmail = email,
            ReplyToAddress = email,
            WdtkRequestId = wdtkRequestId,
            RequestText = string.Join("\n", questions.Select((q, i) => $"{i + 1}. {q}")),
            Closing = closing,
            Questions = [.. questions.Select((q, i) => new NewQuestion($"{i + 1}", q, [], QuestionSimilarity.Normalise(q)))],
        }, "test", CancellationToken.None);
        await tx.CommitAsync();
        return (await store.FindAsync(reference, CancellationToken.None))!;
    }

    /// <summary>Records that the case's response was sent on the day given (the response_sent clock event).</summary>
    public static async Task RespondedAsync(TestWebApp app, CaseRow c, DateOnly on)
    {
        var store = app.Services.GetRequiredService<CaseStore>();
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(conn, """
            insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by) values (@Id, 'response_sent', @on, now(), 'test');
            update foi_case set status = 'responded' where id = @Id
            """, new { c.Id, on });
    }
}
