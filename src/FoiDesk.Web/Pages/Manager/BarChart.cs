using System.Globalization;
using System.Net;
using System.Text;

namespace FoiDesk.Web.Pages.Manager;

/// <summary>
/// A server-rendered SVG bar chart of percentages with a target line: no script, scales with the page. The
/// figures are always given again in a table beside it; the SVG is named for assistive technology and its
/// description says where to find the table.
/// </summary>
public static class BarChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 44;
    private const int Bottom = 40;
    private const int Top = 12;

    /// <param name="bars">Label and percentage (null: nothing to show for that period).</param>
    public static string Svg(string id, string title, IReadOnlyList<(string Label, double? Percent)> bars, double target)
    {
        var inv = CultureInfo.InvariantCulture;
        var plotHeight = Height - Bottom - Top;
        double Y(double percent) => Top + (plotHeight * (1 - (percent / 100)));
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        sb.Append(inv, $"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title>");
        sb.Append(inv, $"<desc id=\"{id}-desc\">Bar chart; the same figures are in the table that follows. The line marks the {target:0}% target.</desc>");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            sb.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">{tick}%</text>");
        }

        var slot = (double)(Width - Left) / Math.Max(bars.Count, 1);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, percent) = bars[i];
            var x = Left + (i * slot) + (slot * 0.15);
            if (percent is { } p)
            {
                var y = Y(p);
                var fill = p >= target ? "#1d70b8" : "#b58840";
                sb.Append(inv, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{Top + plotHeight - y:0.#}\" fill=\"{fill}\"/>");
                sb.Append(inv, $"<text x=\"{x + (slot * 0.35):0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#0b0c0c\">{p:0}</text>");
            }

            sb.Append(inv, $"<text x=\"{x + (slot * 0.35):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#0b0c0c\">{WebUtility.HtmlEncode(label)}</text>");
        }

        sb.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Y(target):0.#}\" y2=\"{Y(target):0.#}\" stroke=\"#d4351c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        sb.Append(inv, $"<text x=\"{Width - 4}\" y=\"{Y(target) - 5:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#d4351c\">ICO {target:0}% line</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
