using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FoiDesk.Questions.Evaluation;

/// <summary>Thrown for a labelled folder that cannot be read; the message names the file and line.</summary>
public sealed class LabelledCorpusException(string message) : Exception(message);

/// <summary>
/// Reads and writes a labelled folder: <c>labels.jsonl</c> (one record per line:
/// <c>{"id", "source", "format", "format_tags", "questions": [{"n", "marker", "text", "parts"}], "ambiguous", "notes"}</c>)
/// and the request text of each record in <c>&lt;id&gt;.txt</c>.
/// </summary>
public static class LabelledCorpus
{
    public const string LabelsFile = "labels.jsonl";

    /// <summary>Optional list of ids (one a line) held out from tuning; see tests/.../real-requests/README.md.</summary>
    public const string ValidationFile = "validation-split.txt";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<LabelledRequest> Load(string directory)
    {
        var labels = Path.Combine(directory, LabelsFile);
        if (!File.Exists(labels))
        {
            throw new LabelledCorpusException($"{labels}: not found (a labelled folder has labels.jsonl and one <id>.txt per record)");
        }

        var result = new List<LabelledRequest>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(labels))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                result.Add(Parse(directory, line));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException or NullReferenceException)
            {
                throw new LabelledCorpusException($"{labels} line {lineNumber}: {e.Message}");
            }
        }

        return result;
    }

    /// <summary>The validation ids listed in the folder's <see cref="ValidationFile"/>, or none.</summary>
    public static IReadOnlySet<string> ValidationIds(string directory)
    {
        var path = Path.Combine(directory, ValidationFile);
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    private static LabelledRequest Parse(string directory, string line)
    {
        var node = JsonNode.Parse(line)?.AsObject() ?? throw new FormatException("not a JSON object");
        var id = node["id"]!.GetValue<string>();
        if (id.Length == 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal))
        {
            throw new FormatException($"id '{id}' cannot name a file");
        }

        var textPath = Path.Combine(directory, id + ".txt");
        if (!File.Exists(textPath))
        {
            throw new FormatException($"record {id}: {id}.txt is missing");
        }

        return new LabelledRequest
        {
            Id = id,
            Text = File.ReadAllText(textPath, Encoding.UTF8),
            Source = node["source"]?.GetValue<string>() ?? "",
            Format = node["format"]?.GetValue<string>() ?? "",
            FormatTags = node["format_tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [],
            Ambiguous = node["ambiguous"]?.GetValue<bool>() ?? false,
            Notes = node["notes"]?.GetValue<string>() ?? "",
            Questions = node["questions"]!.AsArray().Select((q, i) => new LabelledQuestion(
                q!["n"]?.ToString() ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                q["marker"]?.GetValue<string>(),
                q["text"]!.GetValue<string>(),
                q["parts"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [])).ToList(),
        };
    }

    /// <summary>Writes records in the corpus format: <c>&lt;id&gt;.txt</c> per record and one labels.jsonl for all.</summary>
    public static void Write(string directory, IEnumerable<LabelledRequest> records)
    {
        Directory.CreateDirectory(directory);
        var lines = new StringBuilder();
        foreach (var r in records)
        {
            File.WriteAllText(Path.Combine(directory, r.Id + ".txt"), r.Text, new UTF8Encoding(false));
            var node = new JsonObject
            {
                ["id"] = r.Id,
                ["source"] = r.Source,
                ["format"] = r.Format,
                ["format_tags"] = new JsonArray([.. r.FormatTags.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["questions"] = new JsonArray([.. r.Questions.Select(q => (JsonNode?)new JsonObject
                {
                    ["n"] = q.N,
                    ["marker"] = q.Marker,
                    ["text"] = q.Text,
                    ["parts"] = new JsonArray([.. q.Parts.Select(p => (JsonNode?)JsonValue.Create(p))]),
                })]),
                ["ambiguous"] = r.Ambiguous,
                ["notes"] = r.Notes,
            };
            lines.Append(node.ToJsonString(Compact)).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, LabelsFile), lines.ToString(), new UTF8Encoding(false));
    }
}
