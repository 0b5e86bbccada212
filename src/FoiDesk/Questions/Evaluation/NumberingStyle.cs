using System.Text.RegularExpressions;

namespace FoiDesk.Questions.Evaluation;

/// <summary>
/// The numbering style of a labelled request, read from its labels alone so any labelled folder (the real corpus,
/// exported officer corrections) can be broken down the same way: the most common shape of its top-level markers.
/// </summary>
public static class NumberingStyle
{
    public const string Single = "single question";
    public const string Unnumbered = "unnumbered prose or lines";

    private static readonly (Regex Shape, string Style)[] Shapes =
    [
        (Patterns.IgnoreCase(@"^(?:q|question|request|part)\s*\.?\s*\d"), "labelled items (Q1, Request 1)"),
        (Patterns.CaseSensitive(@"^\d{1,2}[a-z]?\.$"), "numbered 1."),
        (Patterns.CaseSensitive(@"^\d{1,2}[a-z]?\)(?:\+.*)?$"), "numbered 1)"),
        (Patterns.CaseSensitive(@"^\(\d{1,2}\)$"), "numbered (1)"),
        (Patterns.CaseSensitive(@"^(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]$|^\((?:i{1,3}|iv|vi{0,3}|ix|x)\)$"), "roman i)"),
        (Patterns.IgnoreCase(@"^[a-z][.)]$|^\([a-z]\)$"), "lettered a)"),
        (Patterns.CaseSensitive(@"^[-*•·▪◦●o–—\uf0b7]$"), "bullets"),
    ];

    public static string Of(LabelledRequest request)
    {
        if (request.Questions.Count <= 1)
        {
            return Single;
        }

        var styles = request.Questions.Where(q => q.Marker is not null).Select(q => Shape(q.Marker!)).ToList();
        if (styles.Count == 0)
        {
            return Unnumbered;
        }

        return styles.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => styles.IndexOf(g.Key)).First().Key;
    }

    private static string Shape(string marker)
    {
        foreach (var (shape, style) in Shapes)
        {
            if (shape.IsMatch(marker.Trim()))
            {
                return style;
            }
        }

        return "other markers (1: 1, ::)";
    }
}
