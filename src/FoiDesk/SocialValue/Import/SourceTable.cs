namespace FoiDesk.SocialValue.Import;

/// <summary>A table as read from a file, sheet or API listing, before any checking.</summary>
/// <param name="Name">The table (frameworks, measures, contracts, commitments, qualitative_commitments, returns).</param>
/// <param name="Origin">Where errors point: a file name, "book.xlsx#returns", or an API path.</param>
/// <param name="Header">Column names; the header is line 1 for files.</param>
public sealed record SourceTable(string Name, string Origin, IReadOnlyList<string> Header, IReadOnlyList<SourceRow> Rows);

/// <summary>A file (or API response set) that an import read, for the import log.</summary>
public sealed record SourceFile(string Name, string Sha256, int Rows);

/// <summary>Everything one import reads: kind (csv, xlsx, api), where from, the tables and the files' hashes.</summary>
public sealed record ImportSource(string Kind, string Location, IReadOnlyList<SourceTable> Tables, IReadOnlyList<SourceFile> Files);

/// <summary>One rejected value. Line is the physical line (files; the header is line 1) or the record's position (API).</summary>
public sealed record ImportError(string File, int Line, string? Column, string Reason);

public sealed record TableCounts(int Inserted, int Updated, int Unchanged);

/// <summary>Progress of a long import: stage is "read", "check" or "write".</summary>
public sealed record ImportProgress(string Stage, string Table, int Done, int Total);

public sealed record ImportResult
{
    public required bool Succeeded { get; init; }
    public long? ImportId { get; init; }
    public required IReadOnlyDictionary<string, TableCounts> Counts { get; init; }
    public required IReadOnlyList<ImportError> Errors { get; init; }
}
