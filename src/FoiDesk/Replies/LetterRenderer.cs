using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>A letter ready for the outbox, or the reasons it is not.</summary>
public sealed record RenderedLetter
{
    public required string Subject { get; init; }
    public required string Text { get; init; }
    public required string Html { get; init; }

    /// <summary>The letter's HTML body without the document around it (a bilingual email holds two).</summary>
    public string HtmlFragment { get; init; } = "";

    /// <summary>Fields the template uses (or requires) that the case has no value for, and placeholders that name no field.</summary>
    public required IReadOnlyList<string> MissingFields { get; init; }

    /// <summary>Legal elements missing from the rendered letter, and template errors.</summary>
    public required IReadOnlyList<LetterCheck> Problems { get; init; }

    /// <summary>Only a letter with nothing missing and no problems may be sent.</summary>
    public bool CanSend => MissingFields.Count == 0 && Problems.Count == 0;
}

public sealed partial class LetterRenderer(LetterTemplateLibrary templates)
{
    /// <summary>
    /// Renders a letter. Throws <see cref="KeyNotFoundException"/> when there is no template for the id and
    /// language; everything wrong with the case or the wording is reported in the result instead.
    /// </summary>
    public RenderedLetter Render(string templateId, LetterModel model, LetterLanguage language = LetterLanguage.English) =>
        Render(Shipped(templateId, language), model);

    /// <summary>The shipped templates (the files in templates/).</summary>
    public LetterTemplateLibrary Templates => templates;

    /// <summary>The shipped template; throws <see cref="KeyNotFoundException"/> when there is none for the id and language.</summary>
    public LetterTemplate Shipped(string templateId, LetterLanguage language) => templates.Find(templateId, language)
        ?? throw new KeyNotFoundException($"no '{templateId}' template in {LetterFormat.Code(language)}");

    /// <summary>Renders a given template (the shipped file, or an authority's edited wording of it).</summary>
    public static RenderedLetter Render(LetterTemplate template, LetterModel model)
    {
        var templateId = template.Id;
        var language = template.Language;
        var scope = LetterFields.Build(model, language);
        var problems = new List<LetterCheck>();
        if (!template.Regimes.Contains(model.Regime))
        {
            problems.Add(new LetterCheck("regime", $"the '{templateId}' template is not written for {model.Regime.ToString().ToUpperInvariant()} cases"));
        }

        var body = TemplateEngine.Render(template.Body, scope, language);
        var subjectTemplate = TemplateEngine.Render(template.Subject, scope, language);
        var missing = new SortedSet<string>(body.MissingFields.Concat(subjectTemplate.MissingFields), StringComparer.Ordinal);
        var unknown = new SortedSet<string>(body.UnknownFields.Concat(subjectTemplate.UnknownFields), StringComparer.Ordinal);
        foreach (var required in template.Requires)
        {
            if (!scope.TryGet(required, out var value))
            {
                unknown.Add(required);
            }
            else if (!TemplateEngine.IsTrue(value))
            {
                missing.Add(required);
            }
        }
        foreach (var name in unknown)
        {
            problems.Add(new LetterCheck("unknown-field", $"the template names '{name}', which is not a letter field"));
        }

        var subject = SubjectLine(OneLine(LetterMarkdown.ToText(subjectTemplate.Markdown)), model.CaseReference, model.ReplyToSubject);
        var doc = LetterMarkdown.Parse(body.Markdown);
        var text = LetterMarkdown.ToText(doc);
        var fragment = LetterMarkdown.ToHtmlFragment(doc);
        var html = EmailHtml.Document(fragment, subject, language);
        problems.AddRange(LegalChecks.Check(templateId, model, language, subject, text));

        return new RenderedLetter
        {
            Subject = subject,
            Text = text,
            Html = html,
            HtmlFragment = fragment,
            MissingFields = [.. missing.Concat(unknown)],
            Problems = problems,
        };
    }

    [GeneratedRegex(@"^\s*((re|fw|fwd|ateb)\s*:\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>
    /// The subject always carries the case reference so replies thread back to the case. A reply to a
    /// WhatDoTheyKnow request keeps that request's subject as "Re: ..." (WhatDoTheyKnow files the reply by its
    /// own address, and the requester recognises the subject), with our reference appended if absent.
    /// </summary>
    public static string SubjectLine(string templateSubject, string reference, string? replyToSubject)
    {
        var subject = string.IsNullOrWhiteSpace(replyToSubject)
            ? templateSubject
            : "Re: " + ReplyPrefix().Replace(OneLine(replyToSubject), "");
        return subject.Contains(reference, StringComparison.OrdinalIgnoreCase) ? subject : $"{subject} [{reference}]";
    }

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();
}
