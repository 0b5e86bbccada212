using FoiDesk.Replies;
using FoiDesk.Accounts;
using FoiDesk.Audit;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>One date of the clock with where the case stands against it today.</summary>
public sealed record DueLine(string Name, DateOnly Date, DueStatus Status);

/// <summary>The one thing this person should do next on the case: a sentence, and where to do it (null: nothing to click).</summary>
public sealed record NextAction(string Text, string? Href);

/// <summary>
/// A case as received, its questions, clock and timeline. Officers and managers may read it (the view is
/// audited: it shows the requester's personal data); only officers may change it.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class CaseModel(
    CaseStore cases,
    CaseClock clock,
    HolidayStore holidays,
    FoiDesk.Cases.Triage triage,
    QuestionWork questions,
    FoiDesk.Cases.Teams teams,
    FoiDesk.Intake.IntakeProcessor intake,
    FoiDesk.Replies.CaseLetters letters,
    CaseWorkflow workflow,
    FoiDesk.Publication.DisclosureLog disclosureLog,
    AuditLog audit,
    TimeProvider time,
    FoiDesk.Web.Jobs.JobStarter jobs,
    FoiDesk.Intake.ReceiptCorrection receipt) : PageModel
{
    public CaseRow Case { get; private set; } = null!;

    public IReadOnlyList<QuestionRow> Questions { get; private set; } = [];

    public IReadOnlyList<CaseEventRow> Timeline { get; private set; } = [];

    /// <summary>The timeline as sentences, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Sentences { get; private set; } = [];

    /// <summary>The date the response is due now (an extension in force replaces the 20 working day date); null when no clock runs.</summary>
    public DueLine? StatutoryDue { get; private set; }

    public IReadOnlyList<CaseMessage> Messages { get; private set; } = [];

    public IReadOnlyList<SimilarCase> Similar { get; private set; } = [];

    public IReadOnlyList<TeamRow> TeamList { get; private set; } = [];

    public IReadOnlyList<TeamMemberRow> Members { get; private set; } = [];

    public DeadlineResult? Deadlines { get; private set; }

    public FoiDesk.Publication.PublicationState? Publication { get; private set; }

    public IReadOnlyList<DueLine> Due { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    /// <summary>The id of the field the error summary links to.</summary>
    public string ErrorField { get; private set; } = "";

    public bool CanChange => User.IsInRole(Roles.IgOfficer);

    /// <summary>
    /// What this person does next: an officer confirms triage, then assigns what is unassigned or handed back;
    /// an approver (officer or manager) approves once every answer is in, then sends.
    /// </summary>
    public NextAction? Next
    {
        get
        {
            var live = Questions.Where(q => q.Status != "merged").ToList();
            var reference = Uri.EscapeDataString(Case.Reference);
            if (Case.Status is "responded" or "closed")
            {
                return new NextAction($"Nothing to do: the case is {Case.Status}.", null);
            }

            if (CanChange && Case.Status == "new")
            {
                return new NextAction("Confirm what this request is", "#triage");
            }

            var toAssign = live.Where(q => q.Status is "unassigned" or "returned").Select(q => q.Number).ToList();
            if (CanChange && toAssign.Count > 0)
            {
                return new NextAction($"Assign {TimelineSentences.Questions(toAssign).ToLowerInvariant()}", "#questions");
            }

            if (live.Count > 0 && live.All(q => q.Status == "approved"))
            {
                return new NextAction("Send the reply", $"/cases/{reference}/approval#send");
            }

            if (live.Count > 0 && live.All(q => QuestionStatuses.IsApprovable(q.Status)))
            {
                return new NextAction("Approve the reply", $"/cases/{reference}/approval");
            }

            var submitted = live.Count(q => QuestionStatuses.IsApprovable(q.Status));
            return live.Count == 0 ? null : new NextAction($"Waiting for answers: {submitted} of {live.Count} submitted.", null);
        }
    }

    /// <summary>Set by the redirect after a holding-pen decision (opened, attached, reprocessed) for the success banner.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) =>
        await LoadAsync(reference, ct) ? Page() : NotFound();

    /// <summary>A POST that names no action: refused for non-officers, a bad request otherwise.</summary>
    public IActionResult OnPost() => CanChange ? BadRequest("name the action (handler) to perform") : Forbid();

    public Task<IActionResult> OnPostConfirmAsync(string reference, string? classification, CancellationToken ct) =>
        CommandAsync(reference, "classification-foi", c => workflow.ConfirmTriageAsync(
            c.Reference, classification ?? "", intake.RegimeFor(classification ?? ""), User.ApprovalActor(), User.FindFirst(AccountClaims.DisplayName)?.Value, ct), ct);

    public Task<IActionResult> OnPostRequesterAsync(string reference, string? requesterName, string? requesterEmail, string? replyTo, CancellationToken ct) =>
        ChangeAsync(reference, "requester-name", c => triage.FixRequesterAsync(c, requesterName, requesterEmail, replyTo, User.Actor(), ct), ct);

    public Task<IActionResult> OnPostDuplicateAsync(string reference, string? duplicateOf, CancellationToken ct) =>
        ChangeAsync(reference, "duplicate-of", c => string.IsNullOrWhiteSpace(duplicateOf)
            ? throw new TriageException("Enter the reference of the case this one duplicates")
            : triage.LinkDuplicateAsync(c, duplicateOf, User.Actor(), ct), ct);

    public Task<IActionResult> OnPostAssignAsync(string reference, long questionId, long? teamId, long? assigneeId, CancellationToken ct) =>
        CommandAsync(reference, $"team-{questionId}", c => teamId is null
            ? Task.FromResult(CaseResult.Refused(CaseProblem.Invalid("teamId", "Choose a team")))
            : workflow.AssignAsync(c.Reference, questionId, teamId.Value, assigneeId, User.ApprovalActor(), ct), ct);

    public Task<IActionResult> OnPostEditAsync(string reference, long questionId, string? text, CancellationToken ct) =>
        ChangeAsync(reference, $"text-{questionId}", c => questions.EditTextAsync(c, questionId, text ?? "", User.Actor(), ct), ct);

    public Task<IActionResult> OnPostSplitAsync(string reference, long questionId, int? position, CancellationToken ct) =>
        ChangeAsync(reference, $"split-{questionId}", c => questions.SplitAsync(c, questionId, position ?? 0, User.Actor(), ct), ct);

    public Task<IActionResult> OnPostMergeAsync(string reference, long questionId, CancellationToken ct) =>
        ChangeAsync(reference, $"text-{questionId}", c => questions.MergeWithNextAsync(c, questionId, User.Actor(), ct), ct);

    public Task<IActionResult> OnPostRenumberAsync(string reference, CancellationToken ct) =>
        ChangeAsync(reference, "questions", c => questions.RenumberAsync(c, User.Actor(), ct), ct);

    /// <summary>The officer's choice whether the response goes in the public disclosure log (the job publishes it once sent).</summary>
    public Task<IActionResult> OnPostPublishAsync(string reference, bool publish, CancellationToken ct) =>
        ChangeAsync(reference, "publish", async c =>
        {
            await disclosureLog.ChooseAsync(c.Reference, publish, User.ApprovalActor(), ct);
            // Publish (or withdraw) now rather than at the next 15-minute firing.
            jobs.StartNow(FoiDesk.Web.Jobs.JobTable.DisclosureLog);
        }, ct);

    /// <summary>The language of the case's letters (English, Welsh or bilingual); every letter sent or previewed follows it.</summary>
    public Task<IActionResult> OnPostLetterLanguageAsync(string reference, string? letterLanguage, CancellationToken ct) =>
        ChangeAsync(reference, "letter-language", c => LetterLanguages.All.Contains(letterLanguage ?? "")
            ? letters.ChooseLanguageAsync(c.Reference, letterLanguage!, User.ApprovalActor(), ct)
            : throw new TriageException("Choose English, Welsh or bilingual"), ct);

    /// <summary>
    /// The officer corrects the received date with a reason (FOIA s10(1): the clock runs from the authority's
    /// receipt); every statutory date is recomputed from it, and the change is on the timeline and audited.
    /// </summary>
    public Task<IActionResult> OnPostReceivedAsync(string reference, string? receivedOn, string? receivedReason, CancellationToken ct) =>
        ChangeAsync(reference, "received-on", c => DateOnly.TryParseExact(receivedOn?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? receipt.CorrectAsync(c, date, receivedReason ?? "", User.AccountId(), User.Actor(), ct)
            : throw new FoiDesk.Intake.ReceiptCorrectionException("Enter the date as year-month-day, for example 2023-04-16"), ct);

    /// <summary>
    /// Runs a case workflow command (which audits in its own transaction) and shows the case again: after a
    /// redirect when it worked, with its problem (or the warning of a step after it) in the error summary when not.
    /// </summary>
    private async Task<IActionResult> CommandAsync(string reference, string field, Func<CaseRow, Task<CaseResult>> command, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        if (await cases.FindAsync(reference, ct) is not { } c)
        {
            return NotFound();
        }

        var result = await command(c);
        if ((result.Problem ?? result.Warning) is not { } problem)
        {
            return Redirect($"/cases/{Uri.EscapeDataString(c.Reference)}");
        }

        if (problem.Kind == CaseProblemKind.NotFound && problem.Field == "reference")
        {
            return NotFound();
        }

        ErrorMessage = problem.Message;
        ErrorField = field;
        await LoadAsync(reference, ct);
        return Page();
    }

    /// <summary>Runs an officer's change and shows the case again: after a redirect when it worked, with an error summary when not.</summary>
    private async Task<IActionResult> ChangeAsync(string reference, string field, Func<CaseRow, Task> change, CancellationToken ct)
    {
        if (!CanChange)
        {
            return Forbid();
        }

        var c = await cases.FindAsync(reference, ct);
        if (c is null)
        {
            return NotFound();
        }

        try
        {
            await change(c);
            await audit.RecordAsync(User.AccountId(), User.Actor(), "case-changed", c.Reference, new { handler = Request.Query["handler"].ToString() }, ct);
            return Redirect($"/cases/{Uri.EscapeDataString(c.Reference)}");
        }
        catch (Exception e) when (e is TriageException or QuestionWorkException or LetterNotReadyException or SafetyGateBlockedException or FoiDesk.Publication.PublicationRefusedException or FoiDesk.Intake.ReceiptCorrectionException)
        {
            ErrorMessage = e.Message;
            ErrorField = field;
            await LoadAsync(reference, ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        var c = await cases.FindAsync(reference, ct);
        if (c is null)
        {
            return false;
        }

        Case = c;
        Questions = await cases.QuestionsAsync(c.Id, ct);
        Timeline = await cases.TimelineAsync(c.Id, ct);
        Messages = await triage.MessagesAsync(c.Id, ct);
        Similar = await triage.SimilarAsync(c.Id, ct);
        TeamList = await teams.ListAsync(ct);
        Members = await teams.MembersAsync(ct);
        Sentences = TimelineSentences.For(
            Timeline, await cases.ActorNamesAsync(c.Id, ct), Members.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.First().DisplayName));
        Publication = await disclosureLog.StateAsync(c.Id, ct);
        try
        {
            Deadlines = await clock.ComputeAsync(c, ct);
        }
        catch (DeadlineInputException e)
        {
            ErrorMessage ??= $"The deadlines cannot be worked out: {e.Message}";
        }

        if (Deadlines is not null)
        {
            var calendar = (await holidays.CurrentAsync(ct)).Calendar(Deadlines.Calendar);
            var today = FoiDesk.LondonTime.DateOf(time.GetUtcNow());
            Due = [.. Deadlines.Dates.Select(d => new DueLine(d.Key, d.Value, WorkingDays.Remaining(today, d.Value, calendar)))];
            // The same rule as reminders and internal targets decides which date is due now.
            if (Deadlines.Statutory.CurrentDue is { } due)
            {
                StatutoryDue = Due.First(d => d.Name == due.Name);
            }
        }

        // The page shows the requester's name and address: every view is recorded.
        await audit.RecordAsync(User.AccountId(), User.Actor(), "case-viewed", c.Reference, null, ct);
        return true;
    }
}
