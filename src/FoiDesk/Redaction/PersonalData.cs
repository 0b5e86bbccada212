using System.Text.RegularExpressions;

namespace FoiDesk.Redaction;

public enum PersonalDataKind
{
    Email,
    Phone,
    Postcode,
    AddressLine,
    Name,
}

public sealed record PersonalDataMatch(PersonalDataKind Kind, int Index, int Length, string Value);

/// <summary>
/// Detectors for the personal data that must not leak into a letter's attachments or the public disclosure
/// log: email addresses, UK phone numbers, UK postcodes and street address lines. They are deliberately
/// generous (a false alarm costs an officer a click; a leak costs a data breach report).
/// </summary>
public static partial class PersonalData
{
    [GeneratedRegex(@"(?<![\w.+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")]
    private static partial Regex EmailPattern();

    // UK numbers as people write them: 01604 368360, (01604) 368360, 020 7946 0000, 07700 900123,
    // 0300 123 1113, +44 7700 900123, +44 (0) 1375 652242. Validated on the digits afterwards.
    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{1,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)")]
    private static partial Regex PhonePattern();

    // Outward code (A9, A99, AA9, AA99, A9A, AA9A) then inward code (9AA); the inward letters never include C, I, K, M, O or V.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Za-z]{1,2}\d[A-Za-z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![A-Za-z0-9])")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"(?:\b(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z']+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Court|Ct|Gardens|Gdns|Terrace|Grove|Square|Sq|Hill|Walk|Rise|Mews|Row|Park|View|Green|Parade|Vale|Fields)\b\.?")]
    private static partial Regex AddressLinePattern();

    [GeneratedRegex(@"\b(?:Flat|Apartment)\s+\d+[A-Za-z]?\b")]
    private static partial Regex FlatPattern();

    public static IEnumerable<PersonalDataMatch> Emails(string text) =>
        EmailPattern().Matches(text).Select(m => new PersonalDataMatch(PersonalDataKind.Email, m.Index, m.Length, m.Value));

    public static IEnumerable<PersonalDataMatch> Phones(string text) =>
        PhonePattern().Matches(text)
            .Where(m => NormalisePhone(m.Value) is not null)
            .Select(m => new PersonalDataMatch(PersonalDataKind.Phone, m.Index, m.Length, m.Value));

    public static IEnumerable<PersonalDataMatch> Postcodes(string text) =>
        PostcodePattern().Matches(text).Select(m => new PersonalDataMatch(PersonalDataKind.Postcode, m.Index, m.Length, m.Value));

    public static IEnumerable<PersonalDataMatch> AddressLines(string text) =>
        AddressLinePattern().Matches(text).Concat(FlatPattern().Matches(text))
            .Select(m => new PersonalDataMatch(PersonalDataKind.AddressLine, m.Index, m.Length, m.Value));

    /// <summary>
    /// The national form of a UK number ("01375652242"), or null if the digits are not a plausible UK
    /// number: 10 or 11 digits starting 01, 02, 03, 05, 07 or 08 (09 premium lines are not personal).
    /// </summary>
    public static string? NormalisePhone(string text)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (text.TrimStart().StartsWith('+'))
        {
            if (!digits.StartsWith("44", StringComparison.Ordinal))
            {
                return null;
            }
            digits = "0" + (digits.StartsWith("440", StringComparison.Ordinal) ? digits[3..] : digits[2..]);
        }
        return digits.Length is 10 or 11 && digits[0] == '0' && "123578".Contains(digits[1], StringComparison.Ordinal)
            ? digits
            : null;
    }

    public static string NormalisePostcode(string text) =>
        new string([.. text.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
}
