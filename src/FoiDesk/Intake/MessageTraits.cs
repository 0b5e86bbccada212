namespace FoiDesk.Intake;

/// <summary>One header field as received (name as written, value unfolded and decoded).</summary>
public sealed record HeaderField(string Name, string Value);

/// <summary>
/// The few facts about an incoming message that reply classification needs, independent of the MIME library:
/// the intake adapts a parsed message to this record.
/// </summary>
public sealed record MessageTraits
{
    /// <summary>All top-level header fields in order (repeated names kept).</summary>
    public required IReadOnlyList<HeaderField> Headers { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The top-level Content-Type value with its parameters ("multipart/report; report-type=delivery-status; ...").</summary>
    public string ContentType { get; init; } = "";

    /// <summary>Content types (no parameters needed) of every part at any depth, in order.</summary>
    public IReadOnlyList<string> PartContentTypes { get; init; } = [];

    /// <summary>The main text body, decoded.</summary>
    public string TextBody { get; init; } = "";

    /// <summary>The decoded text of any message/delivery-status parts (RFC 3464 fields), concatenated.</summary>
    public string DeliveryStatus { get; init; } = "";

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    public bool HasHeader(string name) => Headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
