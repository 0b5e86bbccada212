using System.Text.Json;
using System.Text.Json.Serialization;

namespace FoiDesk.Web.Cli;

/// <summary>
/// One operator verb of <c>ops/foidesk</c>. Exit codes are the contract with scripts:
/// 0 success, 1 the operation failed, 2 bad arguments (one line on stderr).
/// </summary>
/// <param name="Path">The words that name the verb, e.g. "accounts add" or "mail parse".</param>
/// <param name="Usage">The argument synopsis shown by <c>ops/foidesk help</c>.</param>
/// <param name="NeedsDatabase">Whether the verb needs the configured database (and so the embedded cluster).</param>
public sealed record CliVerb(string Path, string Usage, bool NeedsDatabase, Func<CliContext, Task<int>> Run);

/// <summary>What a verb gets: its own arguments, the output streams and, for database verbs, the services.</summary>
public sealed class CliContext
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The words after the verb's path; parse them with <see cref="Parse"/>.</summary>
    public required IReadOnlyList<string> RawArgs { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required IServiceProvider Services { get; init; }
    public CancellationToken Cancellation { get; init; }

    /// <summary>Parses the verb's arguments; unknown options are usage errors (exit 2).</summary>
    public CliArgs Parse(IEnumerable<string>? options = null, IEnumerable<string>? flags = null) =>
        new(RawArgs, options, flags);

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));
}

/// <summary>Thrown for bad arguments: the dispatcher prints the message on one line and exits 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
