namespace FoiDesk.Web.Tests.Manager;

/// <summary>
/// One quarter of cases (Q1 2025) read on Wednesday 12 March 2025 (the test app's clock), with hand-counted
/// due dates (FOIA s10: 20 working days after the date of receipt; no bank holidays in Jan-Mar 2025 after 1 Jan).
/// </summary>
internal static class ReportingFixture
{
    public sealed record Cases(string Overdue7, string Ageing, string DueFriday, string OnTime, string Late, string Withdrawn, string Review);

    public static async Task<Cases> SeedAsync(Support.TestWebApp app)
    {
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var team = await CaseFixtures.ScalarAsync<long>(app, "insert into team (name) values ('Highways') returning id");

        // Received Mon 3 Feb: due Mon 3 Mar; on 12 Mar that is 7 working and 9 calendar days overdue.
        var (_, overdue7) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 2, 3), "Pothole repairs", ["How many potholes were repaired?"]);

        // Received Thu 2 Jan: due Thu 30 Jan; 49 working days open by 12 Mar, past 40.
        var (_, ageing) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 1, 2), "Street lighting", ["What is spent on street lights?"]);

        // Received Fri 14 Feb: due Fri 14 Mar, this week.
        var (_, dueFriday) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 2, 14), "Grit bins", ["Where are the grit bins?"]);

        // Received Mon 3 Feb, due 3 Mar, answered 28 Feb: on time.
        var (onTimeId, onTime) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 2, 3), "Parking fines", ["How many fines were issued?"]);
        await CaseFixtures.ExecuteAsync(app, "update question set team_id = @team, assignee_id = @commissioner, assigned_at = @at, status = 'approved' where case_id = @onTimeId",
            new { team, commissioner, at = CaseFixtures.At(2025, 2, 5), onTimeId });
        await CaseFixtures.RecordAsync(app, onTime, "response_sent", new DateOnly(2025, 2, 28));

        // Received Mon 6 Jan, due Mon 3 Feb, answered Mon 10 Feb: late.
        var (lateId, late) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 1, 6), "Consultants", ["What was paid to consultants?"]);
        await CaseFixtures.ExecuteAsync(app, """
            update question set team_id = @team, assignee_id = @commissioner, assigned_at = @at, status = 'approved',
                answer_kind = 'exempt', exemption = '"s43(2)"' where case_id = @lateId
            """, new { team, commissioner, at = CaseFixtures.At(2025, 1, 8), lateId });
        await CaseFixtures.RecordAsync(app, late, "response_sent", new DateOnly(2025, 2, 10));

        var (withdrawnId, withdrawn) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 2, 20), "Libraries", ["Which libraries will close?"], status: "closed");
        var (reviewId, review) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Review of FOI-2024-00001", ["Please review the refusal."], classification: "review", regime: "foia-review");
        await CaseFixtures.RecordAsync(app, review, "response_sent", new DateOnly(2025, 3, 10));
        await CaseFixtures.ExecuteAsync(app, """
            update foi_case set outcome = 'granted' where id = @onTimeId;
            update foi_case set outcome = 'refused' where id = @lateId;
            update foi_case set outcome = 'withdrawn' where id = @withdrawnId;
            update foi_case set outcome = 'upheld' where id = @reviewId;
            """, new { onTimeId, lateId, withdrawnId, reviewId });
        return new Cases(overdue7, ageing, dueFriday, onTime, late, withdrawn, review);
    }
}
