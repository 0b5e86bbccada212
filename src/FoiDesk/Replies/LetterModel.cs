using FoiDesk.CostLimit;

namespace FoiDesk.Replies;

/// <summary>The information-rights regime a letter is written under; it decides the statutory wording checked.</summary>
public enum LetterRegime
{
    /// <summary>Freedom of Information Act 2000 (refusals under s.17, review under the s.45 Code).</summary>
    Foia,

    /// <summary>Environmental Information Regulations 2004 (refusals under reg 14, reconsideration under reg 11).</summary>
    Eir,
}

/// <summary>
/// Everything a letter may say about a case. The case layer fills it; dates come from the clock engine,
/// never from the wall clock, so a letter rendered twice says the same thing.
/// Optional members are null when the case does not have them; a template that uses one anyway reports it
/// in <see cref="RenderedLetter.MissingFields"/> rather than printing a blank.
/// </summary>
public sealed record LetterModel
{
    public required string CaseReference { get; init; }
    public required LetterRegime Regime { get; init; }
    public required AuthorityDetails Authority { get; init; }
    public required RequesterDetails Requester { get; init; }
    public required OfficerSignature Officer { get; init; }
    public required LetterDates Dates { get; init; }

    /// <summary>Subject of the request being answered (a WhatDoTheyKnow request's subject); replies keep it as "Re: ...".</summary>
    public string? ReplyToSubject { get; init; }

    public IReadOnlyList<QuestionAnswer> Questions { get; init; } = [];
    public IReadOnlyList<ExemptionApplied> Exemptions { get; init; } = [];

    /// <summary>Fee in pounds sterling for a fees notice (FOIA s.9).</summary>
    public decimal? FeeAmount { get; init; }

    /// <summary>How the fee was worked out (Markdown written by the officer).</summary>
    public string? FeeBreakdown { get; init; }

    /// <summary>What the requester is asked to clarify (Markdown written by the officer; FOIA s.1(3), EIR reg 9).</summary>
    public string? ClarificationNeeded { get; init; }

    /// <summary>Why more time is needed (Markdown), for an extension letter.</summary>
    public string? ExtensionReason { get; init; }

    /// <summary>Explanation for a not-held or not-FOI letter, and advice and assistance (FOIA s.16) where offered.</summary>
    public string? Explanation { get; init; }

    public TransferTarget? Transfer { get; init; }
    public ReviewOutcome? Review { get; init; }

    /// <summary>The estimate against the appropriate limit, for a cost limit refusal.</summary>
    public CostLimitFacts? CostLimit { get; init; }
}

public sealed record AuthorityDetails
{
    public required string Name { get; init; }
    public required string FoiEmail { get; init; }

    /// <summary>Postal address, one line per element.</summary>
    public required IReadOnlyList<string> Address { get; init; }

    /// <summary>Published switchboard number; the safety gate allows it in letters.</summary>
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public IcoDetails Ico { get; init; } = IcoDetails.Uk;
}

/// <summary>The regulator the requester may complain to (FOIA s.50; EIR reg 18).</summary>
public sealed record IcoDetails
{
    /// <summary>The Information Commissioner's published contact details for complaints.</summary>
    public static readonly IcoDetails Uk = new()
    {
        Name = "Information Commissioner's Office",
        Address = ["Wycliffe House", "Water Lane", "Wilmslow", "Cheshire", "SK9 5AF"],
        Phone = "0303 123 1113",
        Website = "https://ico.org.uk/make-a-complaint/",
    };

    public required string Name { get; init; }
    public required IReadOnlyList<string> Address { get; init; }
    public required string Phone { get; init; }
    public required string Website { get; init; }
}

public sealed record RequesterDetails
{
    public required string Name { get; init; }
    public required string Email { get; init; }
}

public sealed record OfficerSignature
{
    public required string Name { get; init; }
    public required string JobTitle { get; init; }
}

/// <summary>Dates the clock engine worked out. Each is the last day on which the act is in time.</summary>
public sealed record LetterDates
{
    /// <summary>The date printed at the top of the letter (the day it is sent).</summary>
    public required DateOnly LetterDate { get; init; }
    public required DateOnly Received { get; init; }
    public DateOnly? ResponseDue { get; init; }
    public DateOnly? ExtendedDue { get; init; }

    /// <summary>Last day to ask for an internal review (40 working days from the response: s.45 Code; EIR reg 11(2)).</summary>
    public DateOnly? ReviewRequestDeadline { get; init; }

    /// <summary>Day the fee must be paid by: three months beginning with the day of the notice (FOIA s.9(2)).</summary>
    public DateOnly? FeePaymentDeadline { get; init; }
    public DateOnly? ClarificationRequested { get; init; }
    public DateOnly? ReviewReceived { get; init; }
    public DateOnly? ReviewDue { get; init; }
}

public sealed record QuestionAnswer
{
    public required int Number { get; init; }

    /// <summary>The requester's words, treated as plain text (Markdown characters are neutralised).</summary>
    public required string Question { get; init; }

    /// <summary>The answer as Markdown written by the officer; null until answered.</summary>
    public string? Answer { get; init; }
    public IReadOnlyList<string> Attachments { get; init; } = [];
}

public sealed record ExemptionApplied
{
    /// <summary>Section or regulation as cited, e.g. "s.43(2)" or "reg 12(5)(e)".</summary>
    public required string Section { get; init; }
    public required string Name { get; init; }

    /// <summary>Qualified exemptions need the public interest test (FOIA s.2(2)(b); all EIR exceptions, reg 12(1)(b)).</summary>
    public required bool Qualified { get; init; }

    /// <summary>Why the exemption is engaged (Markdown); FOIA s.17(1)(c) requires it.</summary>
    public string? Reasoning { get; init; }

    /// <summary>The public interest arguments and the balance struck (Markdown); FOIA s.17(3), EIR reg 14(3)(b).</summary>
    public string? PublicInterest { get; init; }

    /// <summary>Numbers of the questions it applies to; empty means the whole request.</summary>
    public IReadOnlyList<int> Questions { get; init; } = [];
}

public sealed record TransferTarget
{
    public required string AuthorityName { get; init; }
    public required string Email { get; init; }
    public string? Website { get; init; }
}

public sealed record ReviewOutcome
{
    /// <summary>"upheld", "partly upheld" or "not upheld" (or the council's own words).</summary>
    public required string Decision { get; init; }

    /// <summary>The reviewer's findings (Markdown).</summary>
    public required string Findings { get; init; }
    public string? ReviewerName { get; init; }
}
