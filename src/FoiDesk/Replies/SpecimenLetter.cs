using FoiDesk.CostLimit;

namespace FoiDesk.Replies;

/// <summary>
/// A specimen case shaped like a real WhatDoTheyKnow exchange (numbered questions answered one by one, an
/// attachment, a qualified exemption), with invented people and an invented council. Every optional field is
/// filled, so any template renders in full: the template editor checks edited wording against it before saving.
/// </summary>
public static class SpecimenLetter
{
    public static readonly AuthorityDetails Authority = new()
    {
        Name = "Anytown Borough Council",
        FoiEmail = "foi@anytown.gov.uk",
        Address = ["Civic Centre", "High Street", "Anytown", "AN1 1AA"],
        Phone = "01632 960000",
        Website = "https://www.anytown.gov.uk/",
    };

    public static LetterModel For(LetterRegime regime = LetterRegime.Foia) => new()
    {
        CaseReference = "FOI-2023-0412",
        Regime = regime,
        Authority = Authority,
        Requester = new RequesterDetails { Name = "Jane Example", Email = "request-972166-abcd@whatdotheyknow.com" },
        Officer = new OfficerSignature { Name = "Sam Officer", JobTitle = "Information Governance Officer" },
        ReplyToSubject = null,
        Dates = new LetterDates
        {
            LetterDate = new DateOnly(2023, 5, 12),
            Received = new DateOnly(2023, 4, 17),
            ResponseDue = new DateOnly(2023, 5, 16),
            ExtendedDue = new DateOnly(2023, 6, 14),
            ReviewRequestDeadline = new DateOnly(2023, 7, 11),
            FeePaymentDeadline = new DateOnly(2023, 8, 11),
            ClarificationRequested = new DateOnly(2023, 4, 20),
            ReviewReceived = new DateOnly(2023, 7, 3),
            ReviewDue = new DateOnly(2023, 7, 31),
        },
        Questions =
        [
            new QuestionAnswer
            {
                Number = 1,
                Question = "Does the council consider social value when it commissions residential children's homes?",
                Answer = "Yes.",
            },
            new QuestionAnswer
            {
                Number = 2,
                Question = "What weighting do social value questions carry in invitations to tender?",
                Answer = "Social value questions carry **5%** of the quality score.\n\n| Contract | Weighting |\n|---|--:|\n| Fostering | 5% |\n| Supported housing | 10% |",
                Attachments = ["Tender weightings 2022-23.xlsx"],
            },
            new QuestionAnswer
            {
                Number = 3,
                Question = "How much does each provider charge per placement?",
                Answer = "We have withheld this information; see the section on withheld information below.",
            },
        ],
        Exemptions =
        [
            new ExemptionApplied
            {
                Section = "s.43(2)",
                Name = "Commercial interests",
                Qualified = true,
                Reasoning = "Placement prices are negotiated with each provider, and publishing them would weaken the council's position in current negotiations.",
                PublicInterest = "There is a public interest in transparency about spending. We have given more weight to the council obtaining value for money, so the balance favours withholding the prices.",
                Questions = [3],
            },
        ],
        FeeAmount = 450m,
        FeeBreakdown = "- 18 hours of retrieval beyond the appropriate limit at £25 an hour: £450.00",
        ClarificationNeeded = "Please tell us which financial years you are interested in.",
        ExtensionReason = "We are consulting the providers concerned.",
        Explanation = "We have passed your enquiry to Children's Services, who will reply to you directly.",
        Transfer = new TransferTarget { AuthorityName = "Othershire County Council", Email = "foi@othershire.gov.uk" },
        Review = new ReviewOutcome
        {
            Decision = "partly upheld",
            Findings = "The original response should have given the weightings for every contract. They are now provided.",
            ReviewerName = "Alex Senior",
        },
        CostLimit = new CostLimitFacts
        {
            LimitHours = 18m,
            HourlyRate = 25m,
            EstimatedHours = 31.5m,
            Breakdown = "| Question | Determining whether held | Locating | Retrieving | Extracting | Hours |\n|---|--:|--:|--:|--:|--:|\n| 1 | 0.5 | 1 | 2 | 1 | 4.5 |\n| 2 | 1 | 6 | 12 | 8 | 27 |\n| **Total** | 1.5 | 7 | 14 | 9 | **31.5** |\n",
            Advice = "We estimate that we could answer question 1 within the limit (4.5 hours). You could also ask for a shorter period.",
        },
    };
}
