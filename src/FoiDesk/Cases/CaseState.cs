using FoiDesk.Deadlines;

namespace FoiDesk.Cases;

/// <summary>
/// Where a case stands, in the words an officer uses ("clarification pending", "PIT extension", "overdue"),
/// derived from its stored status, outcome, questions and clock: the stored status alone (open, on-hold ...)
/// does not say which pause or which stage of the work.
/// </summary>
public static class CaseState
{
    /// <param name="due">The statutory date the response is due by (Reporting.DueDates), null while the clock is stopped.</param>
    public static string Of(CaseRow c, IReadOnlyList<QuestionRow> questions, IReadOnlyList<ClockEventRow> events, DateOnly? due, DateOnly today)
    {
        switch (c.Status)
        {
            case CaseStatuses.New:
                return "new";
            case CaseStatuses.Closed:
                return c.Outcome switch
                {
                    "not-foi" => "not FOI",
                    null => "closed",
                    var outcome => outcome,
                };
            case CaseStatuses.Responded:
                return c.Classification == "review" ? "review decided" : c.Outcome switch
                {
                    "refused" => "refused",
                    "not-held" => "not held",
                    _ => "sent",
                };
            case CaseStatuses.OnHold:
                // FOIA s1(3) and s9: the last pausing notice says what the requester owes.
                var pause = events.LastOrDefault(e => e.Name is ClockEventNames.ClarificationSent or ClockEventNames.FeesNoticeSent);
                return pause?.Name == ClockEventNames.FeesNoticeSent ? "fee pending" : "clarification pending";
        }

        if (due < today)
        {
            return "overdue";
        }

        if (c.Status == CaseStatuses.AwaitingApproval)
        {
            return "awaiting approval";
        }

        if (c.Status == CaseStatuses.Approved)
        {
            return "approved";
        }

        if (c.Classification == "review")
        {
            return "review open";
        }

        if (events.Any(e => e.Name == ClockEventNames.PitNoticeSent))
        {
            return "PIT extension";
        }

        if (questions.Any(q => q.Status is "drafting" or "submitted" or "returned"))
        {
            return "drafting";
        }

        return questions.Any(q => q.Status == "assigned") ? "assigned" : "to assign";
    }
}
