namespace FoiDesk.Questions;

/// <summary>
/// One exemption or exception a commissioner can propose. <see cref="Qualified"/>: the public interest test
/// applies (FOIA s2(2)(b); every EIR exception is subject to it by reg 12(1)(b), except reg 13 in part).
/// </summary>
public sealed record Exemption(string Code, string Title, bool Qualified, string Law);

public static class Exemptions
{
    public static IReadOnlyList<Exemption> All { get; } =
    [
        new("s.21", "Information accessible by other means", false, "FOIA"),
        new("s.22", "Information intended for future publication", true, "FOIA"),
        new("s.23", "Security bodies", false, "FOIA"),
        new("s.24", "National security", true, "FOIA"),
        new("s.26", "Defence", true, "FOIA"),
        new("s.27", "International relations", true, "FOIA"),
        new("s.28", "Relations within the United Kingdom", true, "FOIA"),
        new("s.29", "The economy", true, "FOIA"),
        new("s.30", "Investigations and proceedings", true, "FOIA"),
        new("s.31", "Law enforcement", true, "FOIA"),
        new("s.32", "Court records", false, "FOIA"),
        new("s.33", "Audit functions", true, "FOIA"),
        new("s.35", "Formulation of government policy", true, "FOIA"),
        new("s.36", "Prejudice to effective conduct of public affairs", true, "FOIA"),
        new("s.37", "Communications with His Majesty and honours", true, "FOIA"),
        new("s.38", "Health and safety", true, "FOIA"),

        // s40(2): absolute where disclosure would breach the data protection principles (s2(3)(fa)).
        new("s.40(2)", "Personal information (third parties)", false, "FOIA"),
        new("s.41", "Information provided in confidence", false, "FOIA"),
        new("s.42", "Legal professional privilege", true, "FOIA"),
        new("s.43(1)", "Trade secrets", true, "FOIA"),
        new("s.43(2)", "Prejudice to commercial interests", true, "FOIA"),
        new("s.44", "Prohibitions on disclosure", false, "FOIA"),
        new("reg 12(4)(a)", "Information not held", true, "EIR"),
        new("reg 12(4)(b)", "Manifestly unreasonable request", true, "EIR"),
        new("reg 12(4)(c)", "Request formulated in too general a manner", true, "EIR"),
        new("reg 12(4)(d)", "Material in the course of completion, unfinished documents", true, "EIR"),
        new("reg 12(4)(e)", "Internal communications", true, "EIR"),
        new("reg 12(5)(a)", "International relations, defence, national security or public safety", true, "EIR"),
        new("reg 12(5)(b)", "Course of justice and inquiries", true, "EIR"),
        new("reg 12(5)(c)", "Intellectual property rights", true, "EIR"),
        new("reg 12(5)(d)", "Confidentiality of proceedings", true, "EIR"),
        new("reg 12(5)(e)", "Confidentiality of commercial or industrial information", true, "EIR"),
        new("reg 12(5)(f)", "Interests of the person who provided the information", true, "EIR"),
        new("reg 12(5)(g)", "Protection of the environment", true, "EIR"),

        // Reg 13: third-party personal data; the public interest test applies only to some of its limbs.
        new("reg 13", "Personal data", false, "EIR"),
    ];

    public static Exemption? Find(string? code) => All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.Ordinal));
}
