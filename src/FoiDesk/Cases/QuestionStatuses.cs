namespace FoiDesk.Cases;

/// <summary>The text each <see cref="QuestionStatus"/> is stored as (question.status), and the groups other code asks about.</summary>
public static class QuestionStatuses
{
    public const string Unassigned = "unassigned";
    public const string Assigned = "assigned";
    public const string Drafting = "drafting";
    public const string Returned = "returned";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Merged = "merged";

    public static IReadOnlyList<QuestionStatus> All { get; } = Enum.GetValues<QuestionStatus>();

    /// <summary>With a commissioner: they may draft, submit or hand it back.</summary>
    public static IReadOnlyList<QuestionStatus> WithCommissioner { get; } = [QuestionStatus.Assigned, QuestionStatus.Drafting, QuestionStatus.Returned];

    /// <summary>With the approver: they may approve or return it; anything else is still being answered.</summary>
    public static IReadOnlyList<QuestionStatus> Approvable { get; } = [QuestionStatus.Submitted, QuestionStatus.Approved];

    /// <summary>The stored text of <see cref="WithCommissioner"/>, for SQL.</summary>
    public static string[] WithCommissionerText { get; } = [.. WithCommissioner.Select(Text)];

    /// <summary>The stored text of <see cref="Approvable"/>, for SQL.</summary>
    public static string[] ApprovableText { get; } = [.. Approvable.Select(Text)];

    private static readonly Dictionary<string, QuestionStatus> ByText = All.ToDictionary(s => s.Text(), StringComparer.Ordinal);

    public static string Text(this QuestionStatus status) => status switch
    {
        QuestionStatus.Unassigned => Unassigned,
        QuestionStatus.Assigned => Assigned,
        QuestionStatus.Drafting => Drafting,
        QuestionStatus.Returned => Returned,
        QuestionStatus.Submitted => Submitted,
        QuestionStatus.Approved => Approved,
        QuestionStatus.Merged => Merged,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static QuestionStatus Parse(string text) =>
        ByText.TryGetValue(text, out var status) ? status : throw new ArgumentException($"unknown question status '{text}'", nameof(text));

    /// <summary>Statuses as a SQL literal list ('assigned', 'drafting'), for a query whose plan depends on seeing the values.</summary>
    public static string SqlList(IEnumerable<QuestionStatus> statuses) => string.Join(", ", statuses.Select(s => $"'{s.Text()}'"));

    public static bool IsWithCommissioner(string text) => WithCommissionerText.Contains(text, StringComparer.Ordinal);

    public static bool IsApprovable(string text) => ApprovableText.Contains(text, StringComparer.Ordinal);
}
