using System.Globalization;
using System.Text.Json;
using Dapper;
using FoiDesk.Redaction;
using FoiDesk.Questions;
using FoiDesk.Questions.Evaluation;
using Npgsql;

namespace FoiDesk.Cases;

/// <summary>
/// Officers' corrections of a split, kept as labelled examples (migrations/0170): recorded in the same transaction
/// as the correction, exported in the corpus format with personal data redacted so a council can measure the
/// splitter on its own traffic (<c>ops/foidesk split export</c>, then <c>ops/foidesk split evaluate</c>).
/// </summary>
public sealed class SplitCorrections(NpgsqlDataSource db)
{
    private sealed record Stored(string Number, string Text, List<string> Parts, string? Reason = null);

    /// <summary>
    /// Records a correction just made to case <paramref name="c"/>'s questions: keeps the splitter's output from the
    /// first correction, replaces the corrected split with the questions as they now stand.
    /// </summary>
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseRow c, string kind, string actor, DateTimeOffset now, CancellationToken ct)
    {
        const string Current = """
            select number, text, parts::text as parts from question where case_id = @Id and status <> 'merged' order by position, id
            """;
        var rows = await conn.QueryAsync<(string Number, string Text, string Parts)>(new CommandDefinition(Current, new { c.Id }, tx, cancellationToken: ct));
        var corrected = rows.Select(r => new Stored(r.Number, r.Text, JsonSerializer.Deserialize<List<string>>(r.Parts) ?? [])).ToList();
        var splitter = QuestionSplitter.Split(c.RequestText).Questions
            .Select(q => new Stored(q.Number, q.Text, [.. q.Parts.Select(p => p.Text)], q.Reason)).ToList();
        const string Upsert = """
            insert into split_correction (case_id, request_text, splitter_output, corrected, edits, first_corrected_at, corrected_at, corrected_by)
            values (@caseId, @text, @splitter::jsonb, @corrected::jsonb, array[@kind], @now, @now, @actor)
            on conflict (case_id) do update set corrected = excluded.corrected, edits = split_correction.edits || excluded.edits,
                corrected_at = excluded.corrected_at, corrected_by = excluded.corrected_by
            """;
        await conn.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            caseId = c.Id,
            text = c.RequestText,
            splitter = JsonSerializer.Serialize(splitter, Json),
            corrected = JsonSerializer.Serialize(corrected, Json),
            kind,
            now,
            actor,
        }, tx, cancellationToken: ct));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Row
    {
        public required long CaseId { get; init; }
        public required string Reference { get; init; }
        public string? RequesterName { get; init; }
        public required string RequestText { get; init; }
        public required string SplitterOutput { get; init; }
        public required string Corrected { get; init; }
        public required string[] Edits { get; init; }
        public required DateTimeOffset CorrectedAt { get; init; }
    }

    /// <summary>
    /// Writes every correction made on or after <paramref name="since"/> to <paramref name="directory"/> as a labelled
    /// folder (labels.jsonl + &lt;id&gt;.txt). Names of the requester and of every account, email addresses, phone
    /// numbers, postcodes and address lines are redacted from the text and the labels alike. Returns how many.
    /// </summary>
    public async Task<int> ExportAsync(DateTimeOffset since, string directory, CancellationToken ct)
    {
        const string Sql = """
            select s.case_id as CaseId, c.reference, c.requester_name as RequesterName, s.request_text as RequestText,
                s.splitter_output::text as SplitterOutput, s.corrected::text as Corrected, s.edits, s.corrected_at as CorrectedAt
            from split_correction s join foi_case c on c.id = s.case_id
            where s.corrected_at >= @since order by s.corrected_at, s.case_id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Sql, new { since }, cancellationToken: ct))).ToList();
        var staff = (await conn.QueryAsync<string>(new CommandDefinition("select display_name from account", cancellationToken: ct))).ToList();
        var records = rows.Select(r => ToRecord(r, staff)).ToList();
        LabelledCorpus.Write(directory, records);
        return records.Count;
    }

    private static LabelledRequest ToRecord(Row r, IReadOnlyList<string> staff)
    {
        // Staff are all treated as junior here: an evaluation set has no reason to name anyone.
        var policy = new RedactionPolicy
        {
            RequesterNames = r.RequesterName is { Length: > 0 } name ? [name] : [],
            Staff = [.. staff.Select(s => new StaffMember(s, 0))],
        };
        string Clean(string text) => Redactor.Redact(text, policy).Text;
        var corrected = JsonSerializer.Deserialize<List<Stored>>(r.Corrected, Json) ?? [];
        var splitter = JsonSerializer.Deserialize<List<Stored>>(r.SplitterOutput, Json) ?? [];
        var text = Clean(r.RequestText);
        return new LabelledRequest
        {
            Id = $"correction-{r.CaseId.ToString(CultureInfo.InvariantCulture)}",
            Text = text,
            Source = $"officer correction of case {r.Reference}, {r.CorrectedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}",
            Format = "officer correction",
            FormatTags = ["officer-correction", .. r.Edits.Distinct(StringComparer.Ordinal)],
            Questions =
            [
                .. corrected.Select((q, i) => new LabelledQuestion(
                    (i + 1).ToString(CultureInfo.InvariantCulture), MarkerOf(text, Clean(q.Text)), Clean(q.Text), [.. q.Parts.Select(Clean)])),
            ],
            Notes = $"corrected by an officer ({string.Join(", ", r.Edits)}); the splitter gave {splitter.Count} questions: "
                + string.Join(" | ", splitter.Select(q => $"{q.Number}. {Clean(q.Text)}")),
        };
    }

    /// <summary>The list marker written before the question's text in the request ("2.", "b)"), or null.</summary>
    private static string? MarkerOf(string request, string question)
    {
        var probe = question.Length > 24 ? question[..24] : question;
        var at = probe.Length == 0 ? -1 : request.IndexOf(probe, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var lineStart = request.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var before = request[lineStart..at].Trim().TrimStart('>').Trim();
        return before.Length is > 0 and <= 12 ? before : null;
    }
}
