using System.Globalization;
using System.Text;

namespace FoiDesk.SocialValue.Answers;

/// <summary>Pieces of a draft: GitHub-style pipe tables, money and quantities, the source statement.</summary>
internal static class DraftMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int>? rightAligned = null)
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", headers.Select(Cell))).AppendLine(" |");
        sb.Append('|').Append(string.Join("|", headers.Select((_, i) => rightAligned?.Contains(i) == true ? "---:" : "---"))).AppendLine("|");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
        }

        return sb.ToString();
    }

    // A pipe inside a cell would start a new column; a newline would end the table.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    public static string Money(decimal gbp) => "£" + gbp.ToString("N2", Invariant);

    public static string Quantity(decimal q) => q.ToString("#,0.##", Invariant);

    public static string Pct(decimal p) => p.ToString("0.##", Invariant) + "%";

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Invariant);

    public static string Count(int n) => n.ToString(Invariant);

    public static string FinancialYear(DateOnly periodStart)
    {
        // UK financial year: 1 April to 31 March.
        var start = periodStart.Month >= 4 ? periodStart.Year : periodStart.Year - 1;
        return string.Create(Invariant, $"{start}/{(start + 1) % 100:00}");
    }

    public static string GroupLabel(string group) => SocialValueVocabulary.ServiceGroupLabels[group];

    /// <summary>The sentence that says where the figures come from; always the draft's last paragraph.</summary>
    public static string SourceLine(AnswerSources s, bool usesReturns)
    {
        var sb = new StringBuilder("Source: FoiDesk social value monitoring data");
        sb.Append(Invariant, $" for {s.Contracts.Count} contract{(s.Contracts.Count == 1 ? "" : "s")}");
        if (s.Contracts.Count > 0)
        {
            sb.Append(" (").Append(string.Join(", ", s.Contracts)).Append(')');
        }

        if (usesReturns)
        {
            sb.Append(s.Periods.Count == 0
                ? "; no returns in the period"
                : $"; returns for {s.Periods.Count} reporting period{(s.Periods.Count == 1 ? "" : "s")} ({string.Join(", ", s.Periods)})");
        }

        sb.Append("; as at ").Append(Date(s.AsAt));
        if (s.LastImportAt is { } imported)
        {
            sb.Append(Invariant, $" (data last imported {Date(DateOnly.FromDateTime(imported.UtcDateTime))}, import {string.Join(", ", s.ImportIds.Select(i => "#" + i.ToString(Invariant)))})");
        }

        return sb.Append('.').ToString();
    }
}
