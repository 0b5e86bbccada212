using FoiDesk.Cases;

namespace FoiDesk.Replies;

/// <summary>
/// A case's letter language (<see cref="LetterLanguages"/>) as the letters it produces: English, Welsh, or
/// both in one email, Welsh first. A letter the installation has no wording for in a language the case asks
/// for cannot be sent: it is never quietly sent in English instead.
/// </summary>
public static class CaseLanguage
{
    /// <summary>The languages a letter is rendered in, in the order they appear in the email.</summary>
    public static IReadOnlyList<LetterLanguage> Parts(string code) => code switch
    {
        LetterLanguages.English => [LetterLanguage.English],
        LetterLanguages.Welsh => [LetterLanguage.Welsh],
        LetterLanguages.Bilingual => [LetterLanguage.Welsh, LetterLanguage.English],
        _ => throw new FormatException($"unknown letter language '{code}' (use {string.Join(", ", LetterLanguages.All)})"),
    };

    /// <summary>What an officer sees when the case asks for a language the letter has no wording in.</summary>
    public static RenderedLetter NoWording(string letterId, LetterLanguage language) => new()
    {
        Subject = "",
        Text = "",
        Html = "",
        MissingFields = [],
        Problems =
        [
            new LetterCheck("language", language == LetterLanguage.Welsh
                ? $"there is no Welsh wording of the '{letterId}' letter (templates/cy/{letterId}.md): add it, or choose English for this case"
                : $"there is no {LetterFormat.Code(language)} wording of the '{letterId}' letter"),
        ],
    };

    /// <summary>
    /// One email holding both letters, Welsh first: each version is checked on its own (both must pass), the
    /// plain text and the HTML carry both, clearly separated, and the subject both unless they are the same
    /// (a reply to a WhatDoTheyKnow request keeps the request's subject in either language).
    /// </summary>
    public static RenderedLetter Combine(RenderedLetter welsh, RenderedLetter english)
    {
        var subject = string.Equals(welsh.Subject, english.Subject, StringComparison.Ordinal) ? welsh.Subject : $"{welsh.Subject} / {english.Subject}";
        var rule = new string('-', 60);
        return new RenderedLetter
        {
            Subject = subject,
            Text = $"{EmailHtml.BilingualNoteText}\n\n{welsh.Text.TrimEnd()}\n\n{rule}\nEnglish version\n{rule}\n\n{english.Text}",
            Html = EmailHtml.Bilingual(welsh.HtmlFragment, english.HtmlFragment, subject),
            MissingFields = [.. welsh.MissingFields.Union(english.MissingFields, StringComparer.Ordinal)],
            Problems = [.. welsh.Problems.Select(p => p with { Detail = $"Welsh version: {p.Detail}" }), .. english.Problems.Select(p => p with { Detail = $"English version: {p.Detail}" })],
        };
    }
}
