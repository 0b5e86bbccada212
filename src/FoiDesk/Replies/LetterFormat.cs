using System.Globalization;

namespace FoiDesk.Replies;

/// <summary>Languages a letter can be written in. Welsh letters follow the Welsh Language Standards where a council has them.</summary>
public enum LetterLanguage
{
    English,
    Welsh,
}

public static class LetterFormat
{
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] WelshMonths =
        ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"];

    /// <summary>British style, day without a leading zero: "16 May 2023"; in Welsh "16 Mai 2023".</summary>
    public static string Date(DateOnly date, LetterLanguage language)
    {
        var months = language == LetterLanguage.Welsh ? WelshMonths : EnglishMonths;
        return string.Create(CultureInfo.InvariantCulture, $"{date.Day} {months[date.Month - 1]} {date.Year}");
    }

    /// <summary>"£1,234.50"; whole pounds keep their pence ("£450.00") as a fee notice states an exact sum.</summary>
    public static string Money(decimal pounds) =>
        "£" + pounds.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Language code used for template folders and the HTML lang attribute.</summary>
    public static string Code(LetterLanguage language) => language == LetterLanguage.Welsh ? "cy" : "en";

    public static LetterLanguage ParseLanguage(string code) => code.Trim().ToLowerInvariant() switch
    {
        "en" or "en-gb" or "english" => LetterLanguage.English,
        "cy" or "cy-gb" or "welsh" => LetterLanguage.Welsh,
        _ => throw new FormatException($"unknown letter language '{code}' (use en or cy)"),
    };
}
