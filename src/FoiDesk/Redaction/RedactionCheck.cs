using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FoiDesk.Redaction;

public enum PublishedFormat
{
    Text,
    Html,
    Json,
    Csv,
}

/// <summary>Personal data found in something about to be published.</summary>
public sealed record RedactionLeak(PersonalDataKind Kind, string Value);

/// <summary>
/// The last gate before the disclosure log is written: runs the redactor's detectors and the known names
/// over the finished output (after HTML entities, JSON escapes and CSV quoting are undone, since
/// "jane&#64;example.org" and "jane\u0040example.org" are still an email address). Any leak fails the publication.
/// </summary>
public static partial class RedactionCheck
{
    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    public static IReadOnlyList<RedactionLeak> Check(string content, PublishedFormat format, RedactionPolicy policy)
    {
        var views = format switch
        {
            PublishedFormat.Html => HtmlViews(content),
            PublishedFormat.Json => JsonViews(content),
            PublishedFormat.Csv => [content.Replace("\"\"", "\"", StringComparison.Ordinal)],
            _ => [content],
        };
        return [.. views.SelectMany(v => Redactor.Find(v, policy)).Select(m => new RedactionLeak(m.Kind, m.Value)).Distinct()];
    }

    public static bool IsClean(string content, PublishedFormat format, RedactionPolicy policy) => Check(content, format, policy).Count == 0;

    // Entities decoded with tags kept (so mailto: and title="" attributes are seen), and with tags turned
    // into spaces (so "Jane<br>Example" reads as a name).
    private static List<string> HtmlViews(string html) =>
        [WebUtility.HtmlDecode(html), WebUtility.HtmlDecode(Tag().Replace(html, " "))];

    private static List<string> JsonViews(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var sb = new StringBuilder();
            Collect(doc.RootElement, sb);
            // Values are often HTML fragments (a published letter body): read them as HTML too.
            return [sb.ToString(), .. HtmlViews(sb.ToString())];
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static void Collect(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    sb.Append(p.Name).Append('\n');
                    Collect(p.Value, sb);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, sb);
                }
                break;
            case JsonValueKind.String:
                sb.Append(e.GetString()).Append('\n');
                break;
        }
    }
}
