namespace FoiDesk.Replies;

/// <summary>The "FoiDesk:Authority" section: who the letters come from.</summary>
public sealed class AuthorityOptions
{
    public const string Section = "FoiDesk:Authority";

    public string Name { get; set; } = "Wexbridge County Council";

    public string FoiEmail { get; set; } = "foi@wexbridge.example";

    public List<string> Address { get; set; } = ["Information Governance Team", "County Hall", "Wexbridge", "WX1 1AA"];

    public string? Phone { get; set; }

    public string? Website { get; set; } = "https://www.wexbridge.example";

    /// <summary>Signature job title for officers (accounts carry a name, not a title).</summary>
    public string OfficerJobTitle { get; set; } = "Information Governance Officer";
}
