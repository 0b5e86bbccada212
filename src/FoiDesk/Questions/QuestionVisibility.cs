namespace FoiDesk.Questions;

/// <summary>
/// Which questions an account sees as a commissioner: those assigned to it, and those in the queue of a team
/// it belongs to; never a merged question (its text lives on in the question it was merged into). One rule
/// for "my questions" and for the scope of a commissioner's search, so the two cannot drift apart.
/// </summary>
public static class QuestionVisibility
{
    /// <summary>
    /// A derived table (id, case_id, status) of the questions visible to the account in <paramref name="accountParameter"/>,
    /// for <c>from {VisibleTo("@a")} v</c> or <c>in (select v.id from {VisibleTo("@a")} v)</c>. Two branches, each
    /// able to use its own index (question_assignee / question_team, or the open-status partial indexes of
    /// migrations/0050 when the caller filters on status, which the planner pushes into both branches); one OR
    /// over both columns would read every question of the team (docs/web-performance.md). The team branch leaves
    /// out the account's own questions, so the branches never overlap and are appended as they are: a UNION
    /// would hash them to remove duplicates, sized for the planner's generic team estimate (tens of thousands).
    /// </summary>
    public static string VisibleTo(string accountParameter) => $"""
        (select vq.id, vq.case_id, vq.status, vq.assigned_at from question vq
         where vq.assignee_id = {accountParameter} and vq.status <> 'merged'
         union all
         select vq.id, vq.case_id, vq.status, vq.assigned_at from question vq
         where vq.team_id = any(array(select vm.team_id from team_member vm where vm.account_id = {accountParameter})) and vq.status <> 'merged'
           and vq.assignee_id is distinct from {accountParameter})
        """;
}
