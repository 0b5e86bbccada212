using System.Text;

namespace FoiDesk.Cases;

/// <summary>
/// THE table of status changes: every (from, command, to) a case or a question may make. <see cref="CaseWorkflow"/>
/// consults it before each change, and docs/case-workflow.md is rendered from it (<see cref="Mermaid"/>; a test
/// fails when the two differ). A command with no row from the current status leaves the status as it is (a clock
/// event on a case already responded to, a reclassification of an open case), except Approve, which the workflow
/// refuses.
/// </summary>
public static class CaseTransitions
{
    private static readonly CaseStatus[] BeforeResponse = [CaseStatus.New, CaseStatus.Open, CaseStatus.OnHold, CaseStatus.AwaitingApproval, CaseStatus.Approved];

    private static readonly QuestionStatus[] WithCommissioner = [QuestionStatus.Assigned, QuestionStatus.Drafting, QuestionStatus.Returned];

    public static IReadOnlyList<CaseTransition> Case { get; } =
    [
        new(null, CaseCommand.Open, CaseStatus.New),
        new(CaseStatus.New, CaseCommand.ConfirmTriage, CaseStatus.Open),
        // Not FOI and duplicates close with that outcome, whenever an officer decides so.
        .. BeforeResponse.Append(CaseStatus.Responded).Select(s => new CaseTransition(s, CaseCommand.CloseAtTriage, CaseStatus.Closed)),
        // FOIA s1(3) and s9: asking for clarification or a fee stops the clock until it comes.
        .. new[] { CaseStatus.New, CaseStatus.Open, CaseStatus.AwaitingApproval, CaseStatus.Approved }.Select(s => new CaseTransition(s, CaseCommand.StopClock, CaseStatus.OnHold)),
        new(CaseStatus.OnHold, CaseCommand.RestartClock, CaseStatus.Open),
        // The last answer in: the whole reply waits for an approver.
        new(CaseStatus.Open, CaseCommand.SubmitAnswer, CaseStatus.AwaitingApproval),
        // A returned answer means the reply can no longer go as assembled.
        new(CaseStatus.AwaitingApproval, CaseCommand.ReturnAnswer, CaseStatus.Open),
        new(CaseStatus.Approved, CaseCommand.ReturnAnswer, CaseStatus.Open),
        // Approval needs every question submitted (checked by the command), not a particular case status.
        .. BeforeResponse.Select(s => new CaseTransition(s, CaseCommand.Approve, CaseStatus.Approved)),
        // Sending the response is compliance (FOIA s10); a review's decision is sent the same way.
        .. BeforeResponse.Select(s => new CaseTransition(s, CaseCommand.Send, CaseStatus.Responded)),
    ];

    public static IReadOnlyList<QuestionTransition> Question { get; } =
    [
        new(null, CaseCommand.Open, QuestionStatus.Unassigned),
        .. new[] { QuestionStatus.Unassigned }.Concat(WithCommissioner).Select(s => new QuestionTransition(s, CaseCommand.Assign, QuestionStatus.Assigned)),
        .. WithCommissioner.Select(s => new QuestionTransition(s, CaseCommand.SaveDraft, QuestionStatus.Drafting)),
        .. WithCommissioner.Select(s => new QuestionTransition(s, CaseCommand.SubmitAnswer, QuestionStatus.Submitted)),
        .. WithCommissioner.Select(s => new QuestionTransition(s, CaseCommand.HandBack, QuestionStatus.Returned)),
        new(QuestionStatus.Submitted, CaseCommand.ReturnAnswer, QuestionStatus.Returned),
        new(QuestionStatus.Approved, CaseCommand.ReturnAnswer, QuestionStatus.Returned),
        new(QuestionStatus.Submitted, CaseCommand.Approve, QuestionStatus.Approved),
        new(QuestionStatus.Approved, CaseCommand.Approve, QuestionStatus.Approved),
        .. new[] { QuestionStatus.Unassigned }.Concat(WithCommissioner).Select(s => new QuestionTransition(s, CaseCommand.Merge, QuestionStatus.Merged)),
    ];

    /// <summary>Where <paramref name="command"/> takes a case in <paramref name="from"/>; null when the table has no such row.</summary>
    public static CaseStatus? Next(CaseStatus from, CaseCommand command) =>
        Case.FirstOrDefault(t => t.From == from && t.Command == command)?.To;

    /// <summary>Where <paramref name="command"/> takes a question in <paramref name="from"/>; null when it may not.</summary>
    public static QuestionStatus? Next(QuestionStatus from, CaseCommand command) =>
        Question.FirstOrDefault(t => t.From == from && t.Command == command)?.To;

    /// <summary>The statuses a question may be in for <paramref name="command"/>, as stored, for SQL (<c>status = any(@from)</c>).</summary>
    public static string[] QuestionFrom(CaseCommand command) =>
        [.. Question.Where(t => t.Command == command && t.From is not null).Select(t => t.From!.Value.Text())];

    /// <summary>docs/case-workflow.md: both tables as Mermaid state diagrams, then as tables.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("""
            # Case workflow

            Generated from `src/FoiDesk/Cases/CaseTransitions.cs` by `ops/foidesk case-workflow-doc > docs/case-workflow.md`; a test fails when this file and the
            table differ. Every status change is made by `CaseWorkflow` (`src/FoiDesk/Cases/CaseWorkflow.cs`), in one transaction with
            its timeline entry, audit entry and outbox rows. A command with no arrow from the current status leaves the status as it is,
            except Approve, which is refused.

            ## Case (`foi_case.status`)

            ```mermaid

            """);
        md.Append(Mermaid(Case.Select(t => (t.From?.ToString(), t.Command, t.To.ToString())), CaseStatuses.All.Select(s => (s.ToString(), s.Text()))));
        md.Append("""
            ```

            ## Question (`question.status`)

            ```mermaid

            """);
        md.Append(Mermaid(Question.Select(t => (t.From?.ToString(), t.Command, t.To.ToString())), QuestionStatuses.All.Select(s => (s.ToString(), s.Text()))));
        md.Append("```\n");
        return md.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A Mermaid stateDiagram-v2: each state named as stored, one arrow per row, labelled with its command.</summary>
    public static string Mermaid(IEnumerable<(string? From, CaseCommand Command, string To)> rows, IEnumerable<(string Name, string Stored)> states)
    {
        var text = new StringBuilder("stateDiagram-v2\n");
        foreach (var (name, stored) in states)
        {
            text.Append("    state \"").Append(stored).Append("\" as ").Append(name).Append('\n');
        }

        foreach (var (from, command, to) in rows)
        {
            text.Append("    ").Append(from ?? "[*]").Append(" --> ").Append(to).Append(" : ").Append(command).Append('\n');
        }

        return text.ToString();
    }
}
