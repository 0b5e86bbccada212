namespace FoiDesk.Ico;

/// <summary>How an ICO complaint ended (FOIA s.50 decision notices; s.57 appeals to the First-tier Tribunal).</summary>
public static class IcoOutcomes
{
    /// <summary>Resolved without a decision notice (the ICO's informal resolution).</summary>
    public const string InformalResolution = "informal-resolution";

    /// <summary>A decision notice upholding the complaint: the council got it wrong (in whole).</summary>
    public const string Upheld = "decision-notice-upheld";

    public const string PartlyUpheld = "decision-notice-partly-upheld";

    public const string NotUpheld = "decision-notice-not-upheld";

    /// <summary>A decision notice appealed to the First-tier Tribunal (FOIA s.57): open until the tribunal decides.</summary>
    public const string Tribunal = "tribunal";

    public static IReadOnlyList<string> All { get; } = [InformalResolution, Upheld, PartlyUpheld, NotUpheld, Tribunal];

    public static string Label(string? outcome) => outcome switch
    {
        InformalResolution => "Informal resolution",
        Upheld => "Decision notice: upheld",
        PartlyUpheld => "Decision notice: partly upheld",
        NotUpheld => "Decision notice: not upheld",
        Tribunal => "Appealed to the First-tier Tribunal",
        null => "Open",
        _ => outcome,
    };
}
