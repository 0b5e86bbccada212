namespace FoiDesk.SocialValue.Answers;

/// <summary>The seven questions of the standard FOI request on social value in commissioning.</summary>
public static class SocialValueQuestions
{
    public const string Consideration = "consideration";
    public const string Outcomes = "outcomes";
    public const string Communication = "communication";
    public const string Weighting = "weighting";
    public const string Measurement = "measurement";
    public const string Impact = "impact";
    public const string FinancialReturn = "financial-return";

    /// <summary>In the request's order (questions 1 to 7).</summary>
    public static readonly IReadOnlyList<string> All = [Consideration, Outcomes, Communication, Weighting, Measurement, Impact, FinancialReturn];
}

/// <summary>Something the officer must check before the draft is released.</summary>
/// <param name="Code">small-numbers, s43-commercial, proxy-unverified, no-data.</param>
public sealed record AnswerFlag(string Code, string Message);

/// <summary>Where the figures came from, stated in the draft and kept with a snapshot.</summary>
public sealed record AnswerSources
{
    public required IReadOnlyList<string> Contracts { get; init; }
    public required IReadOnlyList<string> Periods { get; init; }
    public required DateOnly AsAt { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public DateTimeOffset? LastImportAt { get; init; }
    public required IReadOnlyList<long> ImportIds { get; init; }
    public required IReadOnlyList<ProxySource> Proxies { get; init; }
}

/// <summary>A proxy value used (frozen at award) and how far to trust it.</summary>
public sealed record ProxySource(string MeasureCode, decimal? ProxyValueGbp, string ProxyStatus, string? SourceRef);

/// <summary>A builder's answer: the figures, a Markdown draft that states its source, and the flags to check.</summary>
public sealed record SocialValueAnswer
{
    public required string Question { get; init; }
    public required string Group { get; init; }
    public required string Markdown { get; init; }
    /// <summary>The question's own record (WeightingData, ImpactData, ...).</summary>
    public required object Data { get; init; }
    public required AnswerSources Sources { get; init; }
    public required IReadOnlyList<AnswerFlag> Flags { get; init; }
}

public sealed record ConsiderationRow(string Service, int Contracts, int ConsideredPreProcurement, int AssessedAtAward);
public sealed record ConsiderationData(int Contracts, int ConsideredPreProcurement, int AssessedAtAward, IReadOnlyList<ConsiderationRow> Rows);

public sealed record OutcomeRow(string FrameworkCode, string Theme, string MeasureCode, string Description, string Kind, int Contracts);
public sealed record OutcomesData(int QuantitativeCommitments, int QualitativeCommitments, IReadOnlyList<OutcomeRow> Rows);

public sealed record ChannelRow(string Channel, string Label, int Contracts);
public sealed record CommunicationData(int Contracts, int Commitments, int CommitmentsInKpiSchedule, IReadOnlyList<ChannelRow> Rows);

public sealed record WeightingRow(decimal WeightingPct, string EvaluationMethod, int Contracts);
/// <param name="MinPct">Lowest weighting among contracts that score social value (weighting above 0); null if none do.</param>
/// <param name="Contracts">Contracts in the group.</param>
/// <param name="Scored">Contracts with a social value weighting above 0.</param>
public sealed record WeightingData(int Contracts, int Scored, decimal? MinPct, decimal? MaxPct, IReadOnlyList<WeightingRow> Rows);

public sealed record CountRow(string Name, int Count);
/// <param name="Challenged">Queried (partly accepted) or rejected on verification.</param>
public sealed record MeasurementData(int Returns, int Verified, int Challenged, IReadOnlyList<CountRow> ByStatus, IReadOnlyList<CountRow> ReportingFrequency, IReadOnlyList<CountRow> EvidenceTypes);

/// <param name="Display">As the draft shows it: "fewer than 5" for 1–4 in a unit that counts people.</param>
public sealed record ImpactRow(string MeasureCode, string Description, string Unit, string UnitLabel, decimal VerifiedQuantity, decimal ReportedQuantity, int Contracts, bool Suppressed, string Display);
public sealed record ImpactData(IReadOnlyList<ImpactRow> Rows, IReadOnlyList<CountRow> QualitativeStatus);

public sealed record YearRow(string FinancialYear, decimal ReportedSvGbp, decimal VerifiedSvGbp);
public sealed record ProxyStatusRow(string ProxyStatus, decimal VerifiedSvGbp);
/// <summary>Per provider: for the officer's s.43 check, never put in the draft's table.</summary>
public sealed record ProviderRow(string ContractRef, string ProviderName, decimal CommittedSvGbp, decimal VerifiedSvGbp);
public sealed record FinancialReturnData(
    decimal VerifiedSvGbp,
    decimal ReportedSvGbp,
    decimal CommittedSvGbp,
    IReadOnlyList<YearRow> ByFinancialYear,
    IReadOnlyList<ProxyStatusRow> ByProxyStatus,
    IReadOnlyList<ProviderRow> ByProvider);
