namespace FoiDesk.Replies;

/// <summary>The letters FoiDesk knows. Each has its legal checks in <see cref="LegalChecks"/>.</summary>
public static class LetterIds
{
    public const string Acknowledgement = "acknowledgement";
    public const string Clarification = "clarification";
    public const string FeesNotice = "fees-notice";
    public const string Extension = "extension";
    public const string Refusal = "refusal";
    public const string Response = "response";
    public const string NotHeld = "not-held";
    public const string NotFoi = "not-foi";
    public const string ReviewAcknowledgement = "review-acknowledgement";
    public const string ReviewOutcome = "review-outcome";
    public const string Transfer = "transfer";

    /// <summary>Refusal because the cost of compliance exceeds the appropriate limit (FOIA s.12), or as manifestly unreasonable (EIR reg 12(4)(b)).</summary>
    public const string CostLimit = "cost-limit";

    public static readonly IReadOnlyList<string> All =
    [
        Acknowledgement, Clarification, FeesNotice, Extension, Refusal, Response, NotHeld, NotFoi,
        ReviewAcknowledgement, ReviewOutcome, Transfer, CostLimit,
    ];
}

/// <summary>A letter template: front matter plus a Markdown body with placeholders.</summary>
public sealed record LetterTemplate
{
    public required string Id { get; init; }
    public required string Subject { get; init; }
    public required IReadOnlyList<LetterRegime> Regimes { get; init; }

    /// <summary>Fields that must have a value before the letter can be sent, whatever branch the body takes.</summary>
    public required IReadOnlyList<string> Requires { get; init; }
    public required LetterLanguage Language { get; init; }
    public required string Body { get; init; }

    /// <summary>
    /// Parses a template file. The front matter is a <c>---</c> block of <c>key: value</c> lines; list values
    /// are comma-separated or given as <c>- item</c> lines under the key. Throws <see cref="FormatException"/>.
    /// </summary>
    public static LetterTemplate Parse(string text, string source)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new FormatException($"{source}: a template starts with a '---' front matter block");
        }
        var close = normalised.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new FormatException($"{source}: the front matter block is never closed with '---'");
        }

        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? lastKey = null;
        foreach (var raw in normalised[4..close].Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("- ", StringComparison.Ordinal) && lastKey is not null)
            {
                fields[lastKey].Add(trimmed[2..].Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"{source}: front matter line '{line}' is not 'key: value'");
            }
            lastKey = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            fields[lastKey] = lastKey == "subject"
                ? [value]
                : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        string One(string key) => fields.TryGetValue(key, out var v) && v.Count == 1 && v[0].Length > 0
            ? v[0]
            : throw new FormatException($"{source}: front matter needs exactly one '{key}'");

        var template = new LetterTemplate
        {
            Id = One("id"),
            Subject = One("subject"),
            Regimes = [.. (fields.GetValueOrDefault("regimes") ?? []).Select(r => r.ToLowerInvariant() switch
            {
                "foia" => LetterRegime.Foia,
                "eir" => LetterRegime.Eir,
                _ => throw new FormatException($"{source}: unknown regime '{r}' (foia, eir)"),
            })],
            Requires = fields.GetValueOrDefault("requires") ?? [],
            Language = LetterFormat.ParseLanguage(One("language")),
            Body = normalised[(close + 5)..].TrimStart('\n'),
        };
        if (template.Regimes.Count == 0)
        {
            throw new FormatException($"{source}: front matter needs 'regimes' (foia, eir)");
        }
        TemplateEngine.Validate(template.Subject);
        TemplateEngine.Validate(template.Body);
        return template;
    }
}

/// <summary>
/// The templates of one installation: English files in the root folder (<c>templates/response.md</c>) and
/// other languages in a folder named by language code (<c>templates/cy/response.md</c>).
/// </summary>
public sealed class LetterTemplateLibrary
{
    private readonly Dictionary<(string Id, LetterLanguage Language), LetterTemplate> _templates;

    public LetterTemplateLibrary(IEnumerable<LetterTemplate> templates)
    {
        _templates = [];
        foreach (var t in templates)
        {
            if (!_templates.TryAdd((t.Id, t.Language), t))
            {
                throw new FormatException($"two templates for '{t.Id}' in {LetterFormat.Code(t.Language)}");
            }
        }
    }

    public IEnumerable<LetterTemplate> All => _templates.Values;

    /// <summary>Loads every template; throws <see cref="FormatException"/> naming the file at the first bad one.</summary>
    public static LetterTemplateLibrary LoadDirectory(string root)
    {
        var templates = new List<LetterTemplate>();
        foreach (var language in Enum.GetValues<LetterLanguage>())
        {
            var folder = language == LetterLanguage.English ? root : Path.Combine(root, LetterFormat.Code(language));
            if (!Directory.Exists(folder))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
            {
                var template = LetterTemplate.Parse(File.ReadAllText(file), file);
                if (template.Id != Path.GetFileNameWithoutExtension(file) || template.Language != language)
                {
                    throw new FormatException($"{file}: id '{template.Id}' and language must match the file name and folder");
                }
                if (!LetterIds.All.Contains(template.Id))
                {
                    throw new FormatException($"{file}: unknown letter '{template.Id}'");
                }
                templates.Add(template);
            }
        }
        return new LetterTemplateLibrary(templates);
    }

    public LetterTemplate? Find(string id, LetterLanguage language) => _templates.GetValueOrDefault((id, language));
}
