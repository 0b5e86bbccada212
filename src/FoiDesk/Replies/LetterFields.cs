using System.Globalization;

namespace FoiDesk.Replies;

/// <summary>
/// The fields a template may name, built explicitly from a <see cref="LetterModel"/> (no reflection, so the
/// set of names is fixed and a misspelt placeholder is reported as unknown). docs/letters.md lists them.
/// </summary>
public static class LetterFields
{
    public static TemplateScope Build(LetterModel m, LetterLanguage language)
    {
        var welsh = language == LetterLanguage.Welsh;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["case.reference"] = m.CaseReference,
            ["case.subject"] = m.ReplyToSubject,
            ["regime.foia"] = m.Regime == LetterRegime.Foia,
            ["regime.eir"] = m.Regime == LetterRegime.Eir,
            ["regime.name"] = (m.Regime, welsh) switch
            {
                (LetterRegime.Foia, false) => "the Freedom of Information Act 2000",
                (LetterRegime.Eir, false) => "the Environmental Information Regulations 2004",
                (LetterRegime.Foia, true) => "Deddf Rhyddid Gwybodaeth 2000",
                _ => "Rheoliadau Gwybodaeth Amgylcheddol 2004",
            },
            ["regime.short"] = m.Regime == LetterRegime.Foia ? "FOIA" : "EIR",

            ["authority.name"] = m.Authority.Name,
            ["authority.email"] = new LinkValue(m.Authority.FoiEmail),
            ["authority.address"] = Lines(m.Authority.Address),
            ["authority.phone"] = m.Authority.Phone,
            ["authority.website"] = Link(m.Authority.Website),
            ["ico.name"] = m.Authority.Ico.Name,
            ["ico.address"] = Lines(m.Authority.Ico.Address),
            ["ico.phone"] = m.Authority.Ico.Phone,
            ["ico.website"] = new LinkValue(m.Authority.Ico.Website),

            ["requester.name"] = m.Requester.Name,
            ["requester.email"] = new LinkValue(m.Requester.Email),
            ["officer.name"] = m.Officer.Name,
            ["officer.jobTitle"] = m.Officer.JobTitle,

            ["dates.letter"] = m.Dates.LetterDate,
            ["dates.received"] = m.Dates.Received,
            ["dates.responseDue"] = m.Dates.ResponseDue,
            ["dates.extendedDue"] = m.Dates.ExtendedDue,
            ["dates.reviewRequestDeadline"] = m.Dates.ReviewRequestDeadline,
            ["dates.feePaymentDeadline"] = m.Dates.FeePaymentDeadline,
            ["dates.clarificationRequested"] = m.Dates.ClarificationRequested,
            ["dates.reviewReceived"] = m.Dates.ReviewReceived,
            ["dates.reviewDue"] = m.Dates.ReviewDue,

            ["questions"] = m.Questions.OrderBy(q => q.Number).Select(Question).ToList(),
            ["attachments"] = m.Questions.SelectMany(q => q.Attachments).Distinct(StringComparer.Ordinal).Select(Attachment).ToList(),
            ["exemptions"] = m.Exemptions.Select(Exemption).ToList(),

            ["fee.amount"] = m.FeeAmount is { } fee ? new MoneyValue(fee) : null,
            ["fee.breakdown"] = Markdown(m.FeeBreakdown),
            ["clarification.needed"] = Markdown(m.ClarificationNeeded),
            ["extension.reason"] = Markdown(m.ExtensionReason),
            ["explanation"] = Markdown(m.Explanation),
            ["transfer.authority"] = m.Transfer?.AuthorityName,
            ["transfer.email"] = Link(m.Transfer?.Email),
            ["transfer.website"] = Link(m.Transfer?.Website),
            ["review.decision"] = m.Review?.Decision,
            ["review.findings"] = Markdown(m.Review?.Findings),
            ["review.reviewer"] = m.Review?.ReviewerName,
            ["costLimit.hours"] = Hours(m.CostLimit?.LimitHours),
            ["costLimit.amount"] = m.CostLimit is { } limit ? new MoneyValue(limit.LimitAmount) : null,
            ["costLimit.rate"] = m.CostLimit is { } rate ? new MoneyValue(rate.HourlyRate) : null,
            ["costLimit.estimateHours"] = Hours(m.CostLimit?.EstimatedHours),
            ["costLimit.estimateCost"] = m.CostLimit is { } cost ? new MoneyValue(cost.EstimatedCost) : null,
            ["costLimit.breakdown"] = Markdown(m.CostLimit?.Breakdown),
            ["costLimit.advice"] = Markdown(m.CostLimit?.Advice),
        };
        return new TemplateScope(values);
    }

    /// <summary>The names a template may use at the top level (for docs and template editors).</summary>
    public static IReadOnlyCollection<string> TopLevelNames { get; } = [.. Build(SampleShape(), LetterLanguage.English).Values.Keys];

    private static TemplateScope Question(QuestionAnswer q) => new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["number"] = q.Number,
        ["question"] = q.Question,
        ["answer"] = Markdown(q.Answer),
        ["attachments"] = q.Attachments.Select(Attachment).ToList(),
    });

    private static TemplateScope Attachment(string name) => new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = name,
    });

    private static TemplateScope Exemption(ExemptionApplied e) => new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["section"] = e.Section,
        ["name"] = e.Name,
        ["qualified"] = e.Qualified,
        ["reasoning"] = Markdown(e.Reasoning),
        ["publicInterest"] = Markdown(e.PublicInterest),
        ["appliesTo"] = e.Questions.Count == 0
            ? null
            : string.Join(", ", e.Questions.Order().Select(n => n.ToString(CultureInfo.InvariantCulture))),
    });

    private static MarkdownValue? Markdown(string? text) => string.IsNullOrWhiteSpace(text) ? null : new MarkdownValue(text);

    /// <summary>Hours as printed in a letter: "18", "24.5".</summary>
    public static string? Hours(decimal? hours) => hours?.ToString("0.##", CultureInfo.InvariantCulture);

    private static LinkValue? Link(string? target) => string.IsNullOrWhiteSpace(target) ? null : new LinkValue(target);

    /// <summary>Address lines, each neutralised, joined by Markdown hard line breaks.</summary>
    private static MarkdownValue? Lines(IReadOnlyList<string> lines) => lines.Count == 0
        ? null
        : new MarkdownValue(string.Join("\\\n", lines.Select(TemplateEngine.EscapeMarkdown)));

    private static LetterModel SampleShape() => new()
    {
        CaseReference = "",
        Regime = LetterRegime.Foia,
        Authority = new AuthorityDetails { Name = "", FoiEmail = "", Address = [] },
        Requester = new RequesterDetails { Name = "", Email = "" },
        Officer = new OfficerSignature { Name = "", JobTitle = "" },
        Dates = new LetterDates { LetterDate = default, Received = default },
    };
}
