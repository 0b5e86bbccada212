namespace FoiDesk.Cases;

/// <summary>One row of the case table: <see cref="Command"/> moves a case from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record CaseTransition(CaseStatus? From, CaseCommand Command, CaseStatus To);
