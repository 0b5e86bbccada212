using Dapper;
using FoiDesk.Approval;
using FoiDesk.Audit;
using Npgsql;

namespace FoiDesk.Replies;

/// <summary>One saved version of a letter's wording; a revert to the shipped file has no subject or body.</summary>
public sealed record WordingVersion
{
    public required string Letter { get; init; }
    public required string Language { get; init; }
    public required int Version { get; init; }
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public required string SavedByName { get; init; }
    public required DateTimeOffset SavedAt { get; init; }

    public bool IsRevert => Body is null;
}

/// <summary>Edited wording that would lose a legal element (or names a field that does not exist): nothing is saved.</summary>
public sealed class LetterWordingRefusedException(string letter, IReadOnlyList<LetterCheck> problems)
    : Exception($"the wording of '{letter}' was not saved: " + string.Join("; ", problems.Select(p => $"{p.Rule}: {p.Detail}")))
{
    public IReadOnlyList<LetterCheck> Problems { get; } = problems;
}

/// <summary>
/// An authority's own wording of its letters, edited in the app and stored as versions in the database; the
/// newest version replaces the shipped file's subject and body (the front matter - regimes, required fields -
/// stays the shipped one). Edited wording is checked before it is saved by rendering it against the specimen
/// case under every regime the letter serves: the same legal checks that stop a letter being sent stop wording
/// that could never pass them. The checks run again on every real letter, whatever wording it was made from.
/// </summary>
public sealed class LetterWording(NpgsqlDataSource db, LetterRenderer renderer, AuditLog audit, TimeProvider time)
{
    /// <summary>The template a letter is rendered from now: the authority's newest wording, else the shipped file.</summary>
    public async Task<LetterTemplate> CurrentAsync(string letter, LetterLanguage language, CancellationToken ct)
    {
        var shipped = renderer.Shipped(letter, language);
        var latest = await LatestAsync(letter, language, ct);
        return latest is { IsRevert: false } ? shipped with { Subject = latest.Subject!, Body = latest.Body! } : shipped;
    }

    /// <summary>
    /// Like <see cref="CurrentAsync"/>, but null when the installation has no template for the letter in this
    /// language (no templates/cy/&lt;id&gt;.md): the caller must not fall back to another language.
    /// </summary>
    public async Task<LetterTemplate?> FindCurrentAsync(string letter, LetterLanguage language, CancellationToken ct) =>
        renderer.Templates.Find(letter, language) is null ? null : await CurrentAsync(letter, language, ct);

    /// <summary>The newest version (a revert included), or null when the wording was never edited.</summary>
    public async Task<WordingVersion?> LatestAsync(string letter, LetterLanguage language, CancellationToken ct) =>
        await HistoryAsync(letter, language, ct) is [var newest, ..] ? newest : null;

    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<WordingVersion>> HistoryAsync(string letter, LetterLanguage language, CancellationToken ct)
    {
        const string Sql = """
            select letter, language, version, subject, body, saved_by_name as SavedByName, saved_at as SavedAt
            from letter_template_version where letter = @letter and language = @language order by version desc
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<WordingVersion>(new CommandDefinition(Sql, new { letter, language = LetterFormat.Code(language) }, cancellationToken: ct))];
    }

    /// <summary>The newest version of every edited letter, keyed by letter and language code.</summary>
    public async Task<IReadOnlyDictionary<(string Letter, string Language), WordingVersion>> LatestAllAsync(CancellationToken ct)
    {
        const string Sql = """
            select distinct on (letter, language) letter, language, version, subject, body, saved_by_name as SavedByName, saved_at as SavedAt
            from letter_template_version order by letter, language, version desc
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WordingVersion>(new CommandDefinition(Sql, cancellationToken: ct));
        return rows.ToDictionary(r => (r.Letter, r.Language));
    }

    /// <summary>
    /// The shipped template with the given subject and body. Throws <see cref="LetterWordingRefusedException"/>
    /// when a tag is malformed or a block is left open.
    /// </summary>
    public LetterTemplate Edited(string letter, LetterLanguage language, string subject, string body)
    {
        var edited = renderer.Shipped(letter, language) with
        {
            Subject = subject.Trim(),
            Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n",
        };
        try
        {
            TemplateEngine.Validate(edited.Subject);
            TemplateEngine.Validate(edited.Body);
        }
        catch (FormatException e)
        {
            throw new LetterWordingRefusedException(letter, [new LetterCheck("template", e.Message)]);
        }

        if (edited.Subject.Length == 0)
        {
            throw new LetterWordingRefusedException(letter, [new LetterCheck("subject", "enter a subject line")]);
        }

        return edited;
    }

    /// <summary>
    /// What the wording would lose: the legal checks and unknown placeholders, from rendering it against the
    /// specimen case under each regime the letter serves (EIR letters have their own paragraphs). Fields the
    /// specimen leaves empty are not counted: a real case may have them.
    /// </summary>
    public static IReadOnlyList<LetterCheck> Check(LetterTemplate template) =>
        [.. template.Regimes.SelectMany(regime => LetterRenderer.Render(template, SpecimenLetter.For(regime)).Problems).Distinct()];

    /// <summary>Saves edited wording as a new version (with its audit entry) if it passes <see cref="Check"/>.</summary>
    public async Task<int> SaveAsync(string letter, LetterLanguage language, string subject, string body, Actor actor, CancellationToken ct)
    {
        var edited = Edited(letter, language, subject, body);
        var problems = Check(edited);
        if (problems.Count > 0)
        {
            throw new LetterWordingRefusedException(letter, problems);
        }

        return await AddVersionAsync(letter, language, edited.Subject, edited.Body, actor, "letter-wording-saved", ct);
    }

    /// <summary>Goes back to the shipped file (a new version, so the edit stays in the history). False when nothing was edited.</summary>
    public async Task<bool> RevertAsync(string letter, LetterLanguage language, Actor actor, CancellationToken ct)
    {
        renderer.Shipped(letter, language);
        if (await LatestAsync(letter, language, ct) is not { IsRevert: false })
        {
            return false;
        }

        await AddVersionAsync(letter, language, null, null, actor, "letter-wording-reverted", ct);
        return true;
    }

    private async Task<int> AddVersionAsync(string letter, LetterLanguage language, string? subject, string? body, Actor actor, string action, CancellationToken ct)
    {
        const string Sql = """
            insert into letter_template_version (letter, language, version, subject, body, saved_by, saved_by_name, saved_at)
            select @letter, @language, coalesce(max(version), 0) + 1, @subject, @body, @accountId, @name, @now
            from letter_template_version where letter = @letter and language = @language
            returning version
            """;
        var code = LetterFormat.Code(language);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One writer per letter at a time, so two saves cannot both take the same version number.
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext(@key))", new { key = $"letter-wording:{letter}:{code}" }, tx, cancellationToken: ct));
        var version = await conn.ExecuteScalarAsync<int>(new CommandDefinition(Sql, new
        {
            letter,
            language = code,
            subject,
            body,
            accountId = actor.AccountId,
            name = actor.Name,
            now = time.GetUtcNow(),
        }, tx, cancellationToken: ct));
        await audit.RecordAsync(actor.AccountId, actor.Name, action, $"{letter}/{code}", new { letter, language = code, version }, ct, conn, tx);
        await tx.CommitAsync(ct);
        return version;
    }
}
