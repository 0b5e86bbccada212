using System.Text.Json;

namespace FoiDesk.Reporting;

/// <summary>
/// Reads the exemptions cited on a question (question.exemption, jsonb): a string ("s40(2)"), an object with a
/// section (and perhaps a reason), or a list of either. The answer editor owns the shape; this reads all three.
/// </summary>
public static class CitedExemptions
{
    public static IReadOnlyList<string> Sections(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        var found = new List<string>();
        Collect(doc.RootElement, found);
        return found;
    }

    private static void Collect(JsonElement e, List<string> found)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when e.GetString() is { Length: > 0 } s:
                found.Add(s.Trim());
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
            case JsonValueKind.Object:
                foreach (var name in (string[])["section", "exemption", "name", "code"])
                {
                    if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
                    {
                        found.Add(s.Trim());
                        break;
                    }
                }

                if (e.TryGetProperty("sections", out var list))
                {
                    Collect(list, found);
                }

                break;
            default:
                break;
        }
    }
}
