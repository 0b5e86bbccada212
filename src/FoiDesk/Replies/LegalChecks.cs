using System.Text.RegularExpressions;

namespace FoiDesk.Replies;

/// <summary>One reason a letter must not be sent as it stands.</summary>
public sealed record LetterCheck(string Rule, string Detail);

/// <summary>
/// The legal elements each letter must carry, checked on the RENDERED text so an authority that edits a
/// template's wording cannot drop one by accident. Phrases are matched on words (lower case, punctuation
/// ignored) within one paragraph; values (dates, sums, sections, the officer's own text) must appear as
/// printed. English and Welsh phrasings are both accepted.
/// </summary>
public static partial class LegalChecks
{
    public static IReadOnlyList<LetterCheck> Check(string letterId, LetterModel m, LetterLanguage language, string subject, string text)
    {
        var letter = new LetterText(text);
        var problems = new List<LetterCheck>();
        void Need(bool ok, string rule, string detail)
        {
            if (!ok)
            {
                problems.Add(new LetterCheck(rule, detail));
            }
        }
        void NeedDate(DateOnly? date, string rule, string what)
        {
            Need(date is { } d && letter.Contains(LetterFormat.Date(d, language)), rule, $"the letter must state {what}");
        }

        Need(new LetterText(subject).Contains(m.CaseReference), "subject-reference", "the subject line must contain the case reference");
        Need(letter.Contains(m.CaseReference), "reference", "the letter must quote the case reference");
        Need(letter.Contains(m.Authority.Name), "authority", "the letter must name the authority");
        Need(letter.Contains(m.Officer.Name), "signature", "the letter must be signed by the officer");

        switch (letterId)
        {
            case LetterIds.Acknowledgement:
                NeedDate(m.Dates.Received, "received-date", "the date the request was received");
                NeedDate(m.Dates.ResponseDue, "due-date", "the date a response is due (20 working days: FOIA s.10(1), EIR reg 5(2))");
                break;

            case LetterIds.Clarification:
                Need(m.ClarificationNeeded is { } c && letter.Contains(LetterMarkdown.ToText(c)), "clarification-question",
                    "the letter must say what needs clarifying (FOIA s.1(3); EIR reg 9(2))");
                Need(letter.AnyParagraph(ClarifyWord(), ClockStops()), "clock-stops",
                    "the letter must say the time limit stops until the clarification is received (FOIA s.10(6)(b); EIR reg 9(4))");
                break;

            case LetterIds.FeesNotice:
                Need(m.FeeAmount is { } fee && letter.Contains(LetterFormat.Money(fee)), "fee-amount", "the letter must state the fee (FOIA s.9(1))");
                NeedDate(m.Dates.FeePaymentDeadline, "fee-deadline", "the last day to pay");
                Need(letter.AnyParagraph(ThreeMonths()), "fee-window", "the letter must state the three-month payment period (FOIA s.9(2))");
                Need(letter.AnyParagraph(ClockStops()), "fee-clock",
                    "the letter must say the time limit stops until the fee is paid (FOIA s.10(2))");
                break;

            case LetterIds.Extension:
                NeedDate(m.Dates.ExtendedDue, "extended-date", "the new date for the response");
                if (m.Regime == LetterRegime.Foia)
                {
                    // FOIA s.17(2): the notice extending time for the public interest test must state the exemption.
                    Need(m.Exemptions.Count > 0, "extension-exemption", "a FOIA public interest extension must name the exemption being considered (s.17(2))");
                    foreach (var e in m.Exemptions)
                    {
                        Need(letter.Contains(e.Section), "extension-exemption", $"the letter must cite {e.Section} ({e.Name})");
                    }
                    Need(letter.AnyParagraph(PublicInterest()), "extension-pit", "the letter must say the public interest is being considered (FOIA s.10(3))");
                }
                else
                {
                    Need(letter.AnyParagraph(Complexity(), Volume()), "extension-reason",
                        "an EIR extension must say the request is complex and voluminous (reg 7(1))");
                }
                break;

            case LetterIds.Refusal:
                Need(m.Exemptions.Count > 0, "refusal-exemption",
                    "a refusal must state the exemption or exception relied on (FOIA s.17(1); EIR reg 14(3))");
                CheckExemptions(m, letter, Need);
                CheckRights(m, letter, language, Need);
                break;

            case LetterIds.Response:
                CheckAnswers(m, letter, Need);
                Need(letter.AnyParagraph(ReUse()), "reuse", "the letter must carry the re-use (copyright) notice");
                CheckExemptions(m, letter, Need);
                CheckRights(m, letter, language, Need);
                break;

            case LetterIds.NotHeld:
                Need(letter.AnyParagraph(NotHeld()), "not-held", "the letter must say the information is not held (FOIA s.1(1)(a); EIR reg 12(4)(a))");
                CheckRights(m, letter, language, Need);
                break;

            case LetterIds.NotFoi:
                Need(m.Explanation is { } x && letter.Contains(LetterMarkdown.ToText(x)), "explanation", "the letter must explain how the enquiry is being dealt with");
                Need(letter.AnyParagraph(FoiWords(), RequestWord()), "formal-request",
                    "the letter must tell the requester they can still make a formal request under the Act");
                break;

            case LetterIds.ReviewAcknowledgement:
                Need(letter.AnyParagraph(ReviewWords()), "review", "the letter must say the internal review is under way");
                NeedDate(m.Dates.ReviewDue, "review-due", "the date the review outcome is due");
                break;

            case LetterIds.ReviewOutcome:
                Need(m.Review is { } r && letter.Contains(r.Decision), "review-decision", "the letter must state the review decision");
                Need(m.Review is { } f && letter.Contains(LetterMarkdown.ToText(f.Findings)), "review-findings", "the letter must give the reviewer's findings");
                CheckIco(m, letter, Need);
                break;

            case LetterIds.Transfer:
                Need(m.Transfer is { } t && letter.Contains(t.AuthorityName), "transfer-target", "the letter must name the authority the request goes to");
                Need(m.Transfer is { } te && letter.Contains(te.Email), "transfer-contact", "the letter must give that authority's contact address");
                Need(letter.AnyParagraph(TransferWords()), "transfer", "the letter must say the request is being transferred (s.45 Code, Part 2)");
                break;

            case LetterIds.CostLimit:
                CheckCostLimit(m, letter, Need);
                CheckRights(m, letter, language, Need);
                break;

            default:
                problems.Add(new LetterCheck("unknown-letter", $"no legal checks are defined for '{letterId}'"));
                break;
        }
        return problems;
    }

    private static void CheckExemptions(LetterModel m, LetterText letter, Action<bool, string, string> need)
    {
        foreach (var e in m.Exemptions)
        {
            need(letter.Contains(e.Section) && letter.Contains(e.Name), "exemption-cited", $"the letter must cite {e.Section} ({e.Name})");
            // FOIA s.17(1)(c) / EIR reg 14(3)(a): why the exemption applies.
            need(e.Reasoning is { } why && letter.Contains(LetterMarkdown.ToText(why)), "exemption-reasons",
                $"the letter must say why {e.Section} applies");
            if (e.Qualified)
            {
                // FOIA s.17(3) / EIR reg 14(3)(b): the reasons the public interest favours withholding.
                need(e.PublicInterest is { } pi && letter.Contains(LetterMarkdown.ToText(pi)) && letter.AnyParagraph(PublicInterest()),
                    "public-interest", $"{e.Section} is qualified: the letter must give the public interest reasoning");
            }
        }
    }

    private static void CheckCostLimit(LetterModel m, LetterText letter, Action<bool, string, string> need)
    {
        if (m.CostLimit is not { } cost)
        {
            need(false, "cost-estimate", "a cost limit refusal needs the case's cost estimate");
            return;
        }

        if (m.Regime == LetterRegime.Foia)
        {
            // FOIA s.17(5): a notice stating that s.12 applies; the ICO expects the limit and the estimate to be given.
            need(letter.AnyParagraph(Section12(), AppropriateLimit()), "cost-section-12", "the letter must say section 12 applies because the appropriate limit would be exceeded");
            need(letter.Contains(LetterFormat.Money(cost.LimitAmount)), "cost-limit", "the letter must state the appropriate limit (Fees Regulations 2004 reg 3)");
            // s.12(1): only where the cost "would exceed" the limit; an estimate at or under it is no ground.
            need(cost.EstimatedHours > cost.LimitHours, "cost-over-limit", "the estimate does not exceed the appropriate limit, so section 12 does not apply");
        }
        else
        {
            // EIR reg 12(4)(b), subject to the public interest test (reg 12(1)(b)) and the presumption in favour (reg 12(2)).
            need(letter.AnyParagraph(ManifestlyUnreasonable()), "eir-12-4-b", "the letter must say the request is manifestly unreasonable (EIR reg 12(4)(b))");
            need(letter.AnyParagraph(PublicInterest()), "public-interest", "reg 12(4)(b) is subject to the public interest test: the letter must give it (EIR reg 12(1)(b))");
        }

        need(letter.Contains(LetterFields.Hours(cost.EstimatedHours)!), "cost-estimate", "the letter must state the estimated hours");
        need(letter.Contains(LetterMarkdown.ToText(cost.Breakdown)), "cost-breakdown", "the letter must give the breakdown of the estimate (Fees Regulations 2004 reg 4(3))");
        // FOIA s.16 (s.45 Code para 6.9) and EIR reg 9: advice and assistance on narrowing the request.
        need(letter.Contains(LetterMarkdown.ToText(cost.Advice)), "advice", "the letter must give advice and assistance on narrowing the request (FOIA s.16; EIR reg 9)");
    }

    private static void CheckAnswers(LetterModel m, LetterText letter, Action<bool, string, string> need)
    {
        need(m.Questions.Count > 0, "questions", "a response must set out the questions asked");
        var ordered = m.Questions.OrderBy(q => q.Number).ToList();
        var position = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var q = ordered[i];
            var at = letter.IndexOf(q.Question, position);
            if (at < 0)
            {
                need(false, "question-quoted", $"question {q.Number} is not quoted (or is out of order)");
                continue;
            }
            var afterQuestion = at + LetterText.ToWords(q.Question).Length;
            var next = i + 1 < ordered.Count ? letter.IndexOf(ordered[i + 1].Question, afterQuestion) : -1;
            if (q.Answer is null)
            {
                need(false, "answer", $"question {q.Number} has no answer");
            }
            else
            {
                var answerAt = letter.IndexOf(LetterMarkdown.ToText(q.Answer), afterQuestion);
                need(answerAt >= 0 && (next < 0 || answerAt < next), "answer",
                    $"the answer to question {q.Number} must follow the question");
            }
            foreach (var file in q.Attachments)
            {
                need(letter.Contains(file), "attachment-listed", $"attachment '{file}' must be listed in the letter");
            }
            position = afterQuestion;
        }
    }

    private static void CheckRights(LetterModel m, LetterText letter, LetterLanguage language, Action<bool, string, string> need)
    {
        // s.45 Code Part 5 (FOIA) and EIR reg 11(2): 40 working days from the response to ask for a review.
        var deadline = m.Dates.ReviewRequestDeadline;
        need(deadline is { } d && letter.AnyParagraph(ReviewWords(), new Regex(Regex.Escape(LetterText.ToWords(LetterFormat.Date(d, language))))),
            "review-rights", "the letter must give the right to an internal review and the last date to ask for one");
        CheckIco(m, letter, need);
    }

    private static void CheckIco(LetterModel m, LetterText letter, Action<bool, string, string> need)
    {
        // FOIA s.17(7)(b) and s.50; EIR reg 14(5)(b) and reg 18: the right to complain to the Commissioner.
        var ico = m.Authority.Ico;
        need(letter.AnyParagraph(Commissioner()) && (letter.Contains(ico.Website) || letter.Contains(ico.Phone) || letter.Contains(ico.Address[^1])),
            "ico-rights", "the letter must give the right to complain to the Information Commissioner, with contact details");
    }

    [GeneratedRegex(@"\b(clarif\w*|eglur\w*)\b")]
    private static partial Regex ClarifyWord();

    [GeneratedRegex(@"\b(stop|stops|stopped|pause|paused|on hold|does not start|will not start|not begin|start again|starts again|restart|restarts|begin again|not count|disregard\w*|dod i ben|aros)\b")]
    private static partial Regex ClockStops();

    // Welsh mutates the numeral after "gennych" ("mae gennych dri mis"): the soft-mutated form counts too.
    [GeneratedRegex(@"\b(three|3) months\b|\b(tri|dri|3) mis\b")]
    private static partial Regex ThreeMonths();

    [GeneratedRegex(@"\bpublic interest\b|\bbudd y cyhoedd\b")]
    private static partial Regex PublicInterest();

    // "yn gymhleth": the predicative "yn" soft-mutates the adjective.
    [GeneratedRegex(@"\bcomplex\w*|\b[cg]ymhleth")]
    private static partial Regex Complexity();

    [GeneratedRegex(@"\bvolum\w*|\bvoluminous|\bswmp")]
    private static partial Regex Volume();

    [GeneratedRegex(@"\b(re use|reuse|re using|reusing|ailddefnydd\w*)\b")]
    private static partial Regex ReUse();

    [GeneratedRegex(@"\b(not hold|not held|no information is held|nad yw n cael ei chadw|nid ydym yn dal)\b")]
    private static partial Regex NotHeld();

    [GeneratedRegex(@"\b(freedom of information|environmental information|rhyddid gwybodaeth|gwybodaeth amgylcheddol)\b")]
    private static partial Regex FoiWords();

    [GeneratedRegex(@"\b(request|requests|cais)\b")]
    private static partial Regex RequestWord();

    [GeneratedRegex(@"\b(internal review|reconsideration|reconsider|adolygiad mewnol)\b")]
    private static partial Regex ReviewWords();

    [GeneratedRegex(@"\b(information commissioner|comisiynydd gwybodaeth)\b")]
    private static partial Regex Commissioner();

    [GeneratedRegex(@"\b(section 12|adran 12)\b")]
    private static partial Regex Section12();

    [GeneratedRegex(@"\b(appropriate limit|terfyn priodol)\b")]
    private static partial Regex AppropriateLimit();

    [GeneratedRegex(@"\b(manifestly unreasonable|afresymol yn amlwg|amlwg afresymol)\b")]
    private static partial Regex ManifestlyUnreasonable();

    [GeneratedRegex(@"\b(transfer|transferred|transferring|trosglwydd\w*)\b")]
    private static partial Regex TransferWords();
}
