using V = FoiDesk.SocialValue.SocialValueVocabulary;

namespace FoiDesk.SocialValue.Import;

public enum ColumnKind
{
    Text,
    /// <summary>A quantity: exact decimal, any scale.</summary>
    Quantity,
    /// <summary>Pounds: exact decimal, at most 2 decimal places (pence).</summary>
    Money,
    Percent,
    /// <summary>ISO 8601 calendar date, YYYY-MM-DD.</summary>
    Date,
    /// <summary>Y or N.</summary>
    YesNo,
    /// <summary>A ;-separated list.</summary>
    List,
}

/// <param name="Name">The column as the export names it (and the JSON field name in the API).</param>
/// <param name="DbColumn">The column of the table it goes to; empty when it is not stored in that table (measures.csv's theme and outcome names go to their own tables).</param>
/// <param name="Required">A value must be present in every row.</param>
/// <param name="Allowed">The closed vocabulary, if any (each item, for lists).</param>
/// <param name="MayBeAbsent">The column may be missing from the header (newer optional fields).</param>
public sealed record ColumnSpec(string Name, string DbColumn, ColumnKind Kind, bool Required, IReadOnlySet<string>? Allowed = null, bool MayBeAbsent = false);

/// <summary>A column whose value must be the key of a row of another table (in this import or already stored).</summary>
public sealed record ForeignKeySpec(string Column, string Table);

/// <summary>
/// One table of the export. The spec is the single list of its columns: the parser checks rows against it
/// and the writer builds its upsert from it (eight tables, ~130 columns: hand-written upserts would repeat
/// every column name three times each).
/// </summary>
public sealed record TableSpec(string Name, string DbTable, string Key, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<ForeignKeySpec> ForeignKeys)
{
    public string FileName => Name + ".csv";

    public ColumnSpec Column(string name) => Columns.Single(c => c.Name == name);
}

public static class TableSpecs
{
    private static ColumnSpec T(string name, bool required = true, string? db = null) => new(name, db ?? name, ColumnKind.Text, required);
    private static ColumnSpec E(string name, IReadOnlySet<string> allowed, bool required = true) => new(name, name, ColumnKind.Text, required, allowed);
    private static ColumnSpec Q(string name, bool required = true) => new(name, name, ColumnKind.Quantity, required);
    private static ColumnSpec M(string name, bool required = true) => new(name, name, ColumnKind.Money, required);
    private static ColumnSpec P(string name) => new(name, name, ColumnKind.Percent, true);
    private static ColumnSpec D(string name, bool required = true) => new(name, name, ColumnKind.Date, required);
    private static ColumnSpec YN(string name) => new(name, name, ColumnKind.YesNo, true);

    public static readonly TableSpec Frameworks = new("frameworks", "sv_framework", "framework_code",
    [
        T("framework_code"), T("name"), T("publisher"), E("kind", V.FrameworkKinds), T("licence"),
        T("status_in_sample", required: false), T("source_refs", required: false),
    ], []);

    /// <summary>measures.csv also carries its themes and outcomes (denormalised); the importer splits them out.</summary>
    public static readonly TableSpec Measures = new("measures", "sv_measure", "measure_code",
    [
        T("framework_code"), T("theme_code"), T("theme_name", db: ""), T("outcome_code", required: false), T("outcome_name", required: false, db: ""),
        T("measure_code"), T("measure_description", db: "description"), E("unit_code", V.Units), T("unit_label"),
        M("proxy_value_gbp", required: false), T("proxy_basis", required: false), E("proxy_status", V.ProxyStatuses),
        T("proxy_source_ref", required: false), E("value_category", V.ValueCategories, required: false), YN("record_only"),
        T("counting_rule", required: false), T("evidence_required", required: false), T("maps_to", required: false),
        T("verification", required: false), T("source_ref", required: false),
        new("effective_from", "effective_from", ColumnKind.Date, false, MayBeAbsent: true),
        new("effective_to", "effective_to", ColumnKind.Date, false, MayBeAbsent: true),
    ], [new("framework_code", "frameworks")]);

    public static readonly TableSpec Contracts = new("contracts", "sv_contract", "contract_ref",
    [
        T("contract_ref"), T("title"), T("description"), T("department"), T("service_category"), T("service_category_label"),
        E("foi_service_group", new HashSet<string>(V.ServiceGroups, StringComparer.Ordinal), required: false), YN("is_childrens_social_care"),
        T("procurement_route"), T("itt_or_itq"), T("procedure_type"), T("framework_name", required: false), T("lot", required: false),
        T("cpv_code"), T("provider_name"), T("provider_org_type"), T("provider_reg_no"), YN("provider_is_sme"), YN("provider_is_vcse"),
        T("provider_postcode_district"), YN("provider_is_local"), D("start_date"), D("end_date"), D("review_date", required: false),
        T("extension_option", required: false), M("total_value_gbp"), M("annual_value_gbp"), M("irrecoverable_vat_gbp"),
        T("cf_notice_id_fictional", required: false, db: "notice_id"), YN("sv_in_scope"), YN("sv_considered_pre_procurement"),
        T("sv_evaluation_method"), P("sv_weighting_pct"), P("quality_weighting_pct"), P("price_weighting_pct"),
        new("sv_comm_channels", "sv_comm_channels", ColumnKind.List, false, new HashSet<string>(V.CommunicationChannels.Keys, StringComparer.Ordinal)),
        E("sv_reporting_frequency", V.ReportingFrequencies), T("sv_framework_code", required: false),
        E("contract_status", V.ContractStatuses), M("committed_sv_gbp", required: false),
    ], []);

    public static readonly TableSpec Commitments = new("commitments", "sv_commitment", "commitment_id",
    [
        T("commitment_id"), T("contract_ref"), T("framework_code"), T("measure_code"), E("commitment_type", V.CommitmentTypes),
        Q("target_quantity"), T("target_basis"), Q("target_per_year", required: false), E("unit_code", V.Units),
        M("proxy_value_at_award_gbp", required: false), E("proxy_status", V.ProxyStatuses), M("committed_sv_gbp", required: false),
        D("commitment_start"), D("commitment_end"), YN("in_contract_kpi_schedule"), T("local_area_definition", required: false), T("status"),
    ], [new("contract_ref", "contracts"), new("framework_code", "frameworks"), new("measure_code", "measures")]);

    public static readonly TableSpec QualitativeCommitments = new("qualitative_commitments", "sv_qualitative_commitment", "qual_id",
    [
        T("qual_id"), T("contract_ref"), T("framework_code"), T("measure_code"), T("commitment_text"), T("evidence_expected", required: false),
        E("latest_status", V.QualitativeStatuses), D("last_reviewed", required: false), T("reviewer_team", required: false),
    ], [new("contract_ref", "contracts"), new("framework_code", "frameworks"), new("measure_code", "measures")]);

    public static readonly TableSpec Returns = new("returns", "sv_return", "return_id",
    [
        T("return_id"), T("commitment_id"), T("contract_ref"), T("measure_code"), T("period_label"), D("period_start"), D("period_end"),
        E("unit_code", V.Units), Q("reported_quantity", required: false), M("reported_sv_gbp", required: false),
        T("evidence_type", required: false), T("evidence_ref", required: false), D("submitted_date", required: false),
        E("status", V.ReturnStatuses), Q("verified_quantity", required: false), M("verified_sv_gbp", required: false),
        D("verified_date", required: false), T("verifier_team", required: false), T("narrative", required: false),
    ], [new("commitment_id", "commitments"), new("contract_ref", "contracts"), new("measure_code", "measures")]);

    /// <summary>In dependency order: a table's foreign keys point only to tables before it.</summary>
    public static readonly IReadOnlyList<TableSpec> All = [Frameworks, Measures, Contracts, Commitments, QualitativeCommitments, Returns];

    public static TableSpec? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Derived from measures.csv. Written before measures.</summary>
    public static readonly IReadOnlyList<string> ThemeColumns = ["framework_code", "theme_code", "theme_name"];
    public static readonly IReadOnlyList<string> OutcomeColumns = ["framework_code", "outcome_code", "theme_code", "outcome_name"];
}
