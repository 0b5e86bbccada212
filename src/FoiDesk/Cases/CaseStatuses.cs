namespace FoiDesk.Cases;

/// <summary>
/// The text each <see cref="CaseStatus"/> is stored as (foi_case.status, checked by migrations/0120), and the
/// groups of statuses other code asks about. SQL and pages compare with these constants, never with literals.
/// </summary>
public static class CaseStatuses
{
    public const string New = "new";
    public const string Open = "open";
    public const string OnHold = "on-hold";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Approved = "approved";
    public const string Responded = "responded";
    public const string Closed = "closed";

    /// <summary>Every status, in the order a case normally passes through them.</summary>
    public static IReadOnlyList<CaseStatus> All { get; } = Enum.GetValues<CaseStatus>();

    /// <summary>Statuses whose statutory clock still runs or is paused: not yet responded to or closed.</summary>
    public static IReadOnlyList<CaseStatus> Live { get; } = [CaseStatus.New, CaseStatus.Open, CaseStatus.OnHold, CaseStatus.AwaitingApproval, CaseStatus.Approved];

    /// <summary>The stored text of <see cref="Live"/>, for SQL (<c>status = any(@live)</c>).</summary>
    public static string[] LiveText { get; } = [.. Live.Select(Text)];

    private static readonly Dictionary<string, CaseStatus> ByText = All.ToDictionary(s => s.Text(), StringComparer.Ordinal);

    public static string Text(this CaseStatus status) => status switch
    {
        CaseStatus.New => New,
        CaseStatus.Open => Open,
        CaseStatus.OnHold => OnHold,
        CaseStatus.AwaitingApproval => AwaitingApproval,
        CaseStatus.Approved => Approved,
        CaseStatus.Responded => Responded,
        CaseStatus.Closed => Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status stored as <paramref name="text"/>; the database's check constraint allows no other.</summary>
    public static CaseStatus Parse(string text) =>
        ByText.TryGetValue(text, out var status) ? status : throw new ArgumentException($"unknown case status '{text}'", nameof(text));

    /// <summary>Statuses as a SQL literal list ('new', 'open'), for a query whose plan (a partial index) depends on seeing the values.</summary>
    public static string SqlList(IEnumerable<CaseStatus> statuses) => string.Join(", ", statuses.Select(s => $"'{s.Text()}'"));

    public static bool IsLive(string text) => LiveText.Contains(text, StringComparer.Ordinal);
}
