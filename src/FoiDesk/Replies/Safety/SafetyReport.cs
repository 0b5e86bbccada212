namespace FoiDesk.Replies.Safety;

public enum SafetyFindingKind
{
    HiddenSheet,
    HiddenRows,
    HiddenColumns,

    /// <summary>A pivot table's cache holds a full copy of its source data, even when the source sheet was deleted.</summary>
    PivotCache,
    Comments,
    TrackedChanges,
    HiddenText,
    AuthorMetadata,
    EmbeddedObject,
    ExternalLink,
    Macro,
    Script,
    IncrementalUpdate,
    EmailAddress,
    PhoneNumber,

    /// <summary>A PDF redaction mark (/Redact annotation) never applied: the content under it is still there.</summary>
    UnappliedRedaction,

    /// <summary>An Office chart keeps a cached copy of the values it plots, including rows hidden in the sheet.</summary>
    ChartCache,

    /// <summary>A workbook's connection to an external data source (server names, queries, sometimes credentials).</summary>
    DataConnection,

    /// <summary>A PowerPoint slide marked hidden: not shown in the show, still in the file.</summary>
    HiddenSlide,

    /// <summary>A defined name marked hidden in a workbook: it can hold values or point at hidden ranges.</summary>
    HiddenName,

    /// <summary>The file could not be inspected (unknown or legacy format, encrypted, corrupt): it cannot be cleared automatically.</summary>
    Uninspectable,
}

public enum SafetySeverity
{
    /// <summary>Usually harmless but worth a look (author names in metadata).</summary>
    Low,

    /// <summary>May disclose something not meant for release (comments, other people's contact details).</summary>
    Medium,

    /// <summary>Hidden data that has caused reportable breaches (hidden sheets, pivot caches, tracked changes).</summary>
    High,
}

/// <summary>One thing found in an outgoing letter; <see cref="Attachment"/> is null for the letter body.</summary>
public sealed record SafetyFinding
{
    public required string? Attachment { get; init; }
    public required SafetyFindingKind Kind { get; init; }
    public required string Detail { get; init; }
    public required SafetySeverity Severity { get; init; }
}

/// <summary>
/// The result of the pre-send gate. Any finding blocks sending until an officer fixes the attachment or
/// overrides the finding with a reason (the override is recorded by the outbox).
/// </summary>
public sealed record SafetyReport
{
    public required IReadOnlyList<SafetyFinding> Findings { get; init; }

    public bool BlocksSending => Findings.Count > 0;
}

/// <summary>A file the pre-send gate inspects before it may be attached to a letter.</summary>
public sealed record AttachmentToCheck(string FileName, byte[] Content);

/// <summary>A person whose contact details must not appear in what is sent.</summary>
public sealed record ProtectedPerson(string Role, string? Email, string? Phone);

/// <summary>
/// Whose details are expected and whose are not. Addresses and numbers on the allow-list (the authority's
/// FOI address, its published switchboard, the ICO's published numbers) are fine anywhere; any other email
/// address or UK phone number is a finding, labelled with the person it belongs to when known.
/// </summary>
public sealed record SafetyContext
{
    public IReadOnlyCollection<string> AllowedEmails { get; init; } = [];
    public IReadOnlyCollection<string> AllowedPhones { get; init; } = [];
    public IReadOnlyList<ProtectedPerson> People { get; init; } = [];

    /// <summary>The usual context for a letter: the authority's and ICO's published details allowed, the requester protected.</summary>
    public static SafetyContext ForLetter(FoiDesk.Replies.LetterModel letter, IEnumerable<ProtectedPerson>? staff = null) => new()
    {
        AllowedEmails = [.. new[] { letter.Authority.FoiEmail, letter.Transfer?.Email }.OfType<string>()],
        AllowedPhones = [.. new[] { letter.Authority.Phone, letter.Authority.Ico.Phone }.OfType<string>()],
        People = [new ProtectedPerson("the requester", letter.Requester.Email, null), .. staff ?? []],
    };
}
