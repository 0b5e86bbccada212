namespace FoiDesk.Requesters;

/// <summary>An officer's decision on a flag (repeated request, or aggregation), with the reason and who made it.</summary>
public sealed record RecordedDecision(bool Yes, string Reason, string DecidedBy, DateTimeOffset DecidedAt);
