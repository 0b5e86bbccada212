using Dapper;
using Npgsql;

namespace FoiDesk.SocialValue.Answers;

public sealed record ContractRow
{
    public required string ContractRef { get; init; }
    public required string Title { get; init; }
    public required string ServiceCategoryLabel { get; init; }
    public required string FoiServiceGroup { get; init; }
    public required string ProviderName { get; init; }
    public required DateOnly StartDate { get; init; }
    public required bool SvInScope { get; init; }
    public required bool SvConsideredPreProcurement { get; init; }
    public required string SvEvaluationMethod { get; init; }
    public required decimal SvWeightingPct { get; init; }
    public required string[] SvCommChannels { get; init; }
    public required string SvReportingFrequency { get; init; }
    public required string IttOrItq { get; init; }
    public required long LastImportId { get; init; }
}

public sealed record CommitmentRow
{
    public required string CommitmentId { get; init; }
    public required string ContractRef { get; init; }
    public required string FrameworkCode { get; init; }
    public required string MeasureCode { get; init; }
    public required string Description { get; init; }
    public required string ThemeName { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitLabel { get; init; }
    public required decimal TargetQuantity { get; init; }
    public decimal? ProxyValueAtAwardGbp { get; init; }
    public required string ProxyStatus { get; init; }
    public string? ProxySourceRef { get; init; }
    public decimal? CommittedSvGbp { get; init; }
    public required bool InContractKpiSchedule { get; init; }
    public required long LastImportId { get; init; }
}

public sealed record QualitativeRow
{
    public required string QualId { get; init; }
    public required string ContractRef { get; init; }
    public required string FrameworkCode { get; init; }
    public required string MeasureCode { get; init; }
    public required string ThemeName { get; init; }
    public required string CommitmentText { get; init; }
    public required string LatestStatus { get; init; }
    public DateOnly? LastReviewed { get; init; }
    public required long LastImportId { get; init; }
}

public sealed record ReturnRow
{
    public required string ReturnId { get; init; }
    public required string CommitmentId { get; init; }
    public required string ContractRef { get; init; }
    public required string MeasureCode { get; init; }
    public required string PeriodLabel { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public decimal? ReportedQuantity { get; init; }
    public decimal? ReportedSvGbp { get; init; }
    public string? EvidenceType { get; init; }
    public DateOnly? SubmittedDate { get; init; }
    public required string Status { get; init; }
    public decimal? VerifiedQuantity { get; init; }
    public decimal? VerifiedSvGbp { get; init; }
    public DateOnly? VerifiedDate { get; init; }
    public required long LastImportId { get; init; }
}

/// <summary>
/// What a builder sees: the group's contracts and their commitments and returns, as known on the as-at date.
/// As-at rules: a contract counts once it has started; a return counts once submitted (an overdue one once
/// its period has ended); a verification made after the as-at date is ignored (the return is "submitted",
/// awaiting checks); a qualitative status reviewed after the as-at date is not known yet.
/// </summary>
public sealed record AnswerData
{
    public required string Group { get; init; }
    public required DateOnly AsAt { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public required IReadOnlyList<ContractRow> Contracts { get; init; }
    public required IReadOnlyList<CommitmentRow> Commitments { get; init; }
    public required IReadOnlyList<QualitativeRow> Qualitative { get; init; }
    /// <summary>Returns in the period range, visible at the as-at date, with their status as at that date.</summary>
    public required IReadOnlyList<ReturnRow> Returns { get; init; }
    public DateTimeOffset? LastImportAt { get; init; }

    public IReadOnlyList<long> ImportIds =>
    [
        .. Contracts.Select(c => c.LastImportId)
            .Concat(Commitments.Select(c => c.LastImportId))
            .Concat(Qualitative.Select(q => q.LastImportId))
            .Concat(Returns.Select(r => r.LastImportId))
            .Distinct()
            .Order(),
    ];

    public static async Task<AnswerData> LoadAsync(NpgsqlDataSource dataSource, string group, DateOnly asAt, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        // "all" = every contract in one of the four FOI service groups (children's placements), not every contract.
        const string Sql = """
            select contract_ref as ContractRef, title, service_category_label as ServiceCategoryLabel, foi_service_group as FoiServiceGroup,
                   provider_name as ProviderName, start_date as StartDate, sv_in_scope as SvInScope,
                   sv_considered_pre_procurement as SvConsideredPreProcurement, sv_evaluation_method as SvEvaluationMethod,
                   sv_weighting_pct as SvWeightingPct, sv_comm_channels as SvCommChannels, sv_reporting_frequency as SvReportingFrequency,
                   itt_or_itq as IttOrItq, last_import_id as LastImportId
            from sv_contract
            where foi_service_group is not null and (@group = 'all' or foi_service_group = @group) and start_date <= @asAt
            order by contract_ref;

            select c.commitment_id as CommitmentId, c.contract_ref as ContractRef, c.framework_code as FrameworkCode, c.measure_code as MeasureCode,
                   m.description, t.theme_name as ThemeName, c.unit_code as UnitCode, m.unit_label as UnitLabel, c.target_quantity as TargetQuantity,
                   c.proxy_value_at_award_gbp as ProxyValueAtAwardGbp, c.proxy_status as ProxyStatus, m.proxy_source_ref as ProxySourceRef,
                   c.committed_sv_gbp as CommittedSvGbp, c.in_contract_kpi_schedule as InContractKpiSchedule, c.last_import_id as LastImportId
            from sv_commitment c
            join sv_contract k using (contract_ref)
            join sv_measure m on m.measure_code = c.measure_code
            join sv_theme t on t.framework_code = m.framework_code and t.theme_code = m.theme_code
            where k.foi_service_group is not null and (@group = 'all' or k.foi_service_group = @group) and k.start_date <= @asAt
            order by c.commitment_id;

            select q.qual_id as QualId, q.contract_ref as ContractRef, q.framework_code as FrameworkCode, q.measure_code as MeasureCode,
                   t.theme_name as ThemeName, q.commitment_text as CommitmentText,
                   case when q.last_reviewed > @asAt then 'not_reviewed_by_as_at' else q.latest_status end as LatestStatus,
                   q.last_reviewed as LastReviewed, q.last_import_id as LastImportId
            from sv_qualitative_commitment q
            join sv_contract k using (contract_ref)
            join sv_measure m on m.measure_code = q.measure_code
            join sv_theme t on t.framework_code = m.framework_code and t.theme_code = m.theme_code
            where k.foi_service_group is not null and (@group = 'all' or k.foi_service_group = @group) and k.start_date <= @asAt
            order by q.qual_id;

            select r.return_id as ReturnId, r.commitment_id as CommitmentId, r.contract_ref as ContractRef, r.measure_code as MeasureCode,
                   r.period_label as PeriodLabel, r.period_start as PeriodStart, r.period_end as PeriodEnd,
                   r.reported_quantity as ReportedQuantity, r.reported_sv_gbp as ReportedSvGbp, r.evidence_type as EvidenceType,
                   r.submitted_date as SubmittedDate,
                   case when r.verified_date > @asAt then 'submitted' else r.status end as Status,
                   case when r.verified_date > @asAt then null else r.verified_quantity end as VerifiedQuantity,
                   case when r.verified_date > @asAt then null else r.verified_sv_gbp end as VerifiedSvGbp,
                   case when r.verified_date > @asAt then null else r.verified_date end as VerifiedDate,
                   r.last_import_id as LastImportId
            from sv_return r
            join sv_contract k using (contract_ref)
            where k.foi_service_group is not null and (@group = 'all' or k.foi_service_group = @group) and k.start_date <= @asAt
              and (r.submitted_date <= @asAt or (r.submitted_date is null and r.period_end <= @asAt))
              and (@from::date is null or r.period_start >= @from::date)
              and (@to::date is null or r.period_end <= @to::date)
            order by r.return_id;

            select max(finished_at) from sv_import;
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { group, asAt, from, to }, cancellationToken: ct));
        return new AnswerData
        {
            Group = group,
            AsAt = asAt,
            From = from,
            To = to,
            Contracts = [.. await grid.ReadAsync<ContractRow>()],
            Commitments = [.. await grid.ReadAsync<CommitmentRow>()],
            Qualitative = [.. await grid.ReadAsync<QualitativeRow>()],
            Returns = [.. await grid.ReadAsync<ReturnRow>()],
            LastImportAt = await grid.ReadSingleOrDefaultAsync<DateTimeOffset?>(),
        };
    }
}
