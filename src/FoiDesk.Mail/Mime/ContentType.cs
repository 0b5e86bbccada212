namespace FoiDesk.Mail.Mime;

/// <summary>A parsed Content-Type (RFC 2045 5.1). Type and subtype are lower case; parameters keep their values.</summary>
public sealed record ContentType
{
    public static ContentType TextPlain { get; } = new() { MediaType = "text", MediaSubtype = "plain" };
    public static ContentType MessageRfc822 { get; } = new() { MediaType = "message", MediaSubtype = "rfc822" };

    public required string MediaType { get; init; }
    public required string MediaSubtype { get; init; }
    public HeaderParameters Parameters { get; init; } = HeaderParameters.Empty;

    public string MimeType => MediaType + "/" + MediaSubtype;
    public string? Charset => Parameters["charset"];
    public string? Boundary => Parameters["boundary"];
    public string? Name => Parameters["name"];

    public bool Is(string type, string subtype) =>
        MediaType.Equals(type, StringComparison.Ordinal) && MediaSubtype.Equals(subtype, StringComparison.Ordinal);

    public bool IsMultipart => MediaType.Equals("multipart", StringComparison.Ordinal);

    public override string ToString() => MimeType;

    /// <summary>Parses a header value; never throws. Null when the value has no usable type/subtype.</summary>
    public static ContentType? Parse(string value) => Parse(value, null);

    internal static ContentType? Parse(string value, MimeWarnings? warnings)
    {
        var (main, parameters) = HeaderParameters.Parse(value, warnings);
        var slash = main.IndexOf('/', StringComparison.Ordinal);
        string type;
        string subtype;
        if (slash < 0)
        {
            // "text" alone (cpython msg_14): RFC 2045 5.2 says use text/plain; keep the type we can.
            type = main.Trim().ToLowerInvariant();
            if (type.Length == 0 || !IsToken(type))
            {
                return null;
            }

            subtype = type == "text" ? "plain" : "octet-stream";
            warnings?.Add("content-type-no-subtype", $"Content-Type '{main.Trim()}' has no subtype; using {type}/{subtype}");
        }
        else
        {
            type = main[..slash].Trim().ToLowerInvariant();
            subtype = main[(slash + 1)..].Trim().ToLowerInvariant();
            if (!IsToken(type) || !IsToken(subtype))
            {
                return null;
            }
        }

        return new ContentType { MediaType = type, MediaSubtype = subtype, Parameters = parameters };
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A parsed Content-Disposition (RFC 2183).</summary>
public sealed record ContentDisposition
{
    public required string Disposition { get; init; }
    public HeaderParameters Parameters { get; init; } = HeaderParameters.Empty;

    public bool IsAttachment => Disposition.Equals("attachment", StringComparison.Ordinal);
    public bool IsInline => Disposition.Equals("inline", StringComparison.Ordinal);
    public string? FileName => Parameters["filename"];

    public static ContentDisposition Parse(string value) => Parse(value, null);

    internal static ContentDisposition Parse(string value, MimeWarnings? warnings)
    {
        var (main, parameters) = HeaderParameters.Parse(value, warnings);
        return new ContentDisposition { Disposition = main.Trim().Trim('"').ToLowerInvariant(), Parameters = parameters };
    }
}
