using System.Text;
using System.Text.RegularExpressions;

namespace FoiDesk.Redaction;

/// <summary>A member of staff and their grade (higher is more senior, as in the council's pay structure).</summary>
public sealed record StaffMember(string Name, int Grade);

/// <summary>
/// What must not be published. Senior officers are normally named in disclosure logs (they are accountable
/// for decisions and have a reasonable expectation of it); junior staff are not. The threshold is the
/// council's own choice, so it is configuration, not code.
/// </summary>
public sealed record RedactionPolicy
{
    public IReadOnlyList<string> RequesterNames { get; init; } = [];
    public IReadOnlyList<StaffMember> Staff { get; init; } = [];

    /// <summary>Staff at or above this grade keep their names; everyone below is redacted.</summary>
    public int NameStaffAtOrAboveGrade { get; init; } = int.MaxValue;

    /// <summary>The authority's published contact details, which stay: FOI address, switchboard, ICO helpline, its own postcode.</summary>
    public IReadOnlyCollection<string> AllowedEmails { get; init; } = [];
    public IReadOnlyCollection<string> AllowedPhones { get; init; } = [];
    public IReadOnlyCollection<string> AllowedPostcodes { get; init; } = [];

    public IEnumerable<string> ProtectedNames =>
        RequesterNames.Concat(Staff.Where(s => s.Grade < NameStaffAtOrAboveGrade).Select(s => s.Name))
            .Where(n => !string.IsNullOrWhiteSpace(n));
}

public sealed record RedactionResult(string Text, IReadOnlyList<PersonalDataKind> Redacted);

/// <summary>
/// Removes personal data from a response before it goes into the public disclosure log: the requester's
/// and junior staff's names, email addresses, UK phone numbers, postcodes and address lines, each replaced
/// with a visible marker so a reader can see something was taken out.
/// Names are matched aggressively: the full name, title and surname ("Ms Example"), and each part of the
/// name on its own as a capitalised whole word. Over-redaction is the safe failure here.
/// </summary>
public static partial class Redactor
{
    public static string Marker(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Name => "[name redacted]",
        PersonalDataKind.Email => "[email address redacted]",
        PersonalDataKind.Phone => "[phone number redacted]",
        PersonalDataKind.Postcode => "[postcode redacted]",
        _ => "[address redacted]",
    };

    public static RedactionResult Redact(string text, RedactionPolicy policy)
    {
        var spans = Find(text, policy, includeAddressBlocks: true);
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        var kinds = new List<PersonalDataKind>();
        foreach (var span in spans)
        {
            sb.Append(text, pos, span.Index - pos).Append(Marker(span.Kind));
            kinds.Add(span.Kind);
            pos = span.Index + span.Length;
        }
        sb.Append(text, pos, text.Length - pos);
        return new RedactionResult(sb.ToString(), kinds);
    }

    /// <summary>Every piece of personal data in the text under the policy, non-overlapping and in order.</summary>
    public static IReadOnlyList<PersonalDataMatch> Find(string text, RedactionPolicy policy, bool includeAddressBlocks = false)
    {
        var allowedEmails = policy.AllowedEmails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowedPhones = policy.AllowedPhones.Select(PersonalData.NormalisePhone).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var allowedPostcodes = policy.AllowedPostcodes.Select(PersonalData.NormalisePostcode).ToHashSet(StringComparer.Ordinal);

        var found = new List<PersonalDataMatch>();
        found.AddRange(PersonalData.Emails(text).Where(m => !allowedEmails.Contains(m.Value)));
        found.AddRange(PersonalData.Phones(text).Where(m => !allowedPhones.Contains(PersonalData.NormalisePhone(m.Value)!)));
        var postcodes = PersonalData.Postcodes(text).Where(m => !allowedPostcodes.Contains(PersonalData.NormalisePostcode(m.Value))).ToList();
        found.AddRange(postcodes);
        found.AddRange(PersonalData.AddressLines(text).Where(m => !IsAllowedAddress(text, m, allowedPostcodes)));
        if (includeAddressBlocks)
        {
            found.AddRange(AddressBlocks(text, postcodes));
        }
        foreach (var name in policy.ProtectedNames)
        {
            found.AddRange(NameMatches(text, name));
        }
        return Merge(found);
    }

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    private static IEnumerable<PersonalDataMatch> NameMatches(string text, string fullName)
    {
        var parts = Spaces().Split(fullName.Trim());
        var flexible = string.Join(@"\s+", parts.Select(Regex.Escape));
        var patterns = new List<string> { $@"\b{flexible}\b" };
        // Title and surname: "Dear Ms Example", "Mr. Example".
        patterns.Add($@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+{Regex.Escape(parts[^1])}\b");
        var options = RegexOptions.IgnoreCase;
        foreach (var pattern in patterns)
        {
            foreach (Match m in Regex.Matches(text, pattern, options, TimeSpan.FromSeconds(1)))
            {
                yield return new PersonalDataMatch(PersonalDataKind.Name, m.Index, m.Length, m.Value);
            }
        }
        // Each part on its own, as written with a capital: "Jane", "Example", "Example's".
        foreach (var part in parts.Where(p => p.Length >= 2))
        {
            foreach (Match m in Regex.Matches(text, $@"(?<![\w-]){Regex.Escape(part)}(?![\w-])", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                yield return new PersonalDataMatch(PersonalDataKind.Name, m.Index, m.Length, m.Value);
            }
        }
    }

    // An address written over several lines ends with its postcode: the short lines just above it
    // (up to three, no sentence punctuation) are the rest of the address.
    private static IEnumerable<PersonalDataMatch> AddressBlocks(string text, List<PersonalDataMatch> postcodes)
    {
        foreach (var postcode in postcodes)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, postcode.Index - 1)) + 1;
            if (postcode.Index == 0)
            {
                lineStart = 0;
            }
            var before = text[lineStart..postcode.Index];
            if (before.Length <= 60 && !before.Contains(". ", StringComparison.Ordinal) && before.Trim().Length > 0)
            {
                yield return new PersonalDataMatch(PersonalDataKind.AddressLine, lineStart, postcode.Index - lineStart, before);
            }
            var end = lineStart - 1;
            for (var i = 0; i < 3 && end > 0; i++)
            {
                var start = text.LastIndexOf('\n', end - 1) + 1;
                var line = text[start..end].TrimEnd('\r');
                var trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.Length > 40 || trimmed.EndsWith('.') || trimmed.EndsWith(':')
                    || !(char.IsUpper(trimmed[0]) || char.IsDigit(trimmed[0]))
                    || trimmed.StartsWith("Dear", StringComparison.Ordinal) || trimmed.StartsWith("Yours", StringComparison.Ordinal))
                {
                    break;
                }
                yield return new PersonalDataMatch(PersonalDataKind.AddressLine, start, line.Length, line);
                end = start - 1;
            }
        }
    }

    private static bool IsAllowedAddress(string text, PersonalDataMatch line, HashSet<string> allowedPostcodes)
    {
        // A street line followed on the same or next line by the authority's own postcode is its published address.
        var windowEnd = Math.Min(text.Length, line.Index + line.Length + 120);
        var after = text[line.Index..windowEnd];
        return PersonalData.Postcodes(after).Any(p => allowedPostcodes.Contains(PersonalData.NormalisePostcode(p.Value)));
    }

    private static List<PersonalDataMatch> Merge(List<PersonalDataMatch> found)
    {
        var merged = new List<PersonalDataMatch>();
        foreach (var m in found.OrderBy(m => m.Index).ThenByDescending(m => m.Length))
        {
            if (merged.Count > 0 && m.Index < merged[^1].Index + merged[^1].Length)
            {
                var last = merged[^1];
                var end = Math.Max(last.Index + last.Length, m.Index + m.Length);
                merged[^1] = last with { Length = end - last.Index };
                continue;
            }
            merged.Add(m);
        }
        return merged;
    }
}
