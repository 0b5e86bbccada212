using FoiDesk.Requesters;

namespace FoiDesk.Web.Pages.Requesters;

/// <summary>The requester's other cases and the repeated-request flags of one case, for an IG officer.</summary>
public sealed record RequesterHistoryView(string Reference, IReadOnlyList<RequesterCase> Others, IReadOnlyList<RepeatFlag> Repeats, int IntervalWorkingDays);
