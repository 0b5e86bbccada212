namespace FoiDesk.Retention;

/// <summary>
/// How long a closed case's personal data is kept (UK GDPR Art 5(1)(e), storage limitation): <see cref="Years"/>
/// after closure, or <see cref="YearsIfIco"/> where an ICO complaint (FOIA s.50) or tribunal appeal (s.57) followed.
/// A null regime or outcome matches any.
/// </summary>
public sealed record RetentionRule
{
    public required long Id { get; init; }
    public string? Regime { get; init; }
    public string? Outcome { get; init; }
    public required int Years { get; init; }
    public required int YearsIfIco { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }

    /// <summary>2 for regime and outcome, 1 for one of them, 0 for the default: the most specific rule wins.</summary>
    public int Specificity => (Regime is null ? 0 : 2) + (Outcome is null ? 0 : 1);

    public bool Matches(string? regime, string? outcome) =>
        (Regime is null || Regime == regime) && (Outcome is null || Outcome == outcome);

    /// <summary>The rule as the certificate names it, e.g. "foia/refused: 3 years after closure (6 after an ICO complaint)".</summary>
    public string Describe(bool icoFollowed) =>
        $"{Regime ?? "any regime"}/{Outcome ?? "any outcome"}: {(icoFollowed ? YearsIfIco : Years)} years after closure{(icoFollowed ? " (an ICO complaint or appeal followed)" : "")}";

    /// <summary>The rule for a case: the most specific match (the schedule always has the default row).</summary>
    public static RetentionRule For(IReadOnlyList<RetentionRule> rules, string? regime, string? outcome) =>
        rules.Where(r => r.Matches(regime, outcome)).OrderByDescending(r => r.Specificity).FirstOrDefault()
        ?? throw new InvalidOperationException("the retention schedule has no default rule");
}
