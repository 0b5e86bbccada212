namespace FoiDesk.SocialValue;

/// <summary>The closed vocabularies of the monitoring data (see demo/social-value-sample/README.md).</summary>
public static class SocialValueVocabulary
{
    /// <summary>The four groups of children's placements named in the standard FOI request, in its order.</summary>
    public static readonly IReadOnlyList<string> ServiceGroups =
    [
        "IFA",
        "Residential homes / parent & child",
        "16+ semi-independent",
        "UASC accommodation",
    ];

    /// <summary>The pseudo-group for all four service groups together.</summary>
    public const string AllGroups = "all";

    public static readonly IReadOnlyDictionary<string, string> ServiceGroupLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IFA"] = "Independent Fostering Agencies (IFAs)",
        ["Residential homes / parent & child"] = "Residential children's homes and parent and child units",
        ["16+ semi-independent"] = "16+ semi-independent accommodation",
        ["UASC accommodation"] = "Accommodation for unaccompanied asylum-seeking children",
        [AllGroups] = "all four children's placement service groups (IFAs; residential homes and parent and child units; 16+ semi-independent accommodation; UASC accommodation)",
    };

    public static bool IsGroup(string group) => group == AllGroups || ServiceGroups.Contains(group, StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> FrameworkKinds = Set("quantitative_proxy", "qualitative_award_criteria", "local_plugin");

    public static readonly IReadOnlySet<string> Units = Set(
        "fte_year", "fte_hire", "pct", "weeks", "staff_hours", "hours", "hours_x_attendees", "gbp", "gbp_invested",
        "tco2e", "tonnes", "count", "visits", "text", "qualitative");

    /// <summary>
    /// Units that count people (hires, carer households, placements of a person). Figures of 1 to 4 in these
    /// units could identify a care leaver or a foster family, so answers show them as "fewer than 5"
    /// (the usual small-number rule for FOIA s.40 personal data in published statistics).
    /// </summary>
    public static readonly IReadOnlySet<string> PeopleCountUnits = Set("fte_hire", "count");

    public static readonly IReadOnlySet<string> ProxyStatuses = Set(
        "secondary_unverified", "council_published", "convention", "illustrative", "record_only", "none");

    public static readonly IReadOnlySet<string> ValueCategories = Set("local_economic", "social", "environmental", "record_only", "qualitative");

    public static readonly IReadOnlySet<string> ReportingFrequencies = Set("quarterly", "biannual", "annual", "none");

    public static readonly IReadOnlySet<string> ContractStatuses = Set("active", "expired");

    public static readonly IReadOnlyDictionary<string, string> CommunicationChannels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pre_market_engagement"] = "Pre-market engagement with providers",
        ["specification"] = "Social value requirements in the service specification",
        ["itt_quality_question"] = "Social value question in the quality section of the invitation to tender",
        ["sv_calculator_in_itt"] = "Social value (TOMs) calculator issued with the invitation to tender",
        ["contract_kpi_schedule"] = "Commitments written into the contract's KPI schedule",
        ["provider_forum"] = "Provider forums",
        ["mobilisation_meeting"] = "Mobilisation meetings",
        ["contract_review_meetings"] = "Contract review meetings",
    };

    public static readonly IReadOnlySet<string> CommitmentTypes = Set("quantitative");

    public static readonly IReadOnlySet<string> QualitativeStatuses = Set("on_track", "complete", "partially_met", "not_started", "not_met");

    public static readonly IReadOnlySet<string> ReturnStatuses = Set("verified", "submitted", "queried", "rejected", "nil_return", "overdue");

    public static readonly IReadOnlyDictionary<string, string> ProxyStatusNotes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["secondary_unverified"] = "proxy values marked secondary_unverified were copied from a secondary source and have not been checked against the licensed National TOMs",
        ["illustrative"] = "proxy values marked illustrative are placeholders set locally and are not from any published framework",
        ["council_published"] = "proxy values marked council_published come from a council's published reporting guidance",
        ["convention"] = "pounds invested are counted one for one (convention)",
        ["record_only"] = "record_only measures are reported but not given a monetary value",
    };

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
