namespace FoiDesk.Deadlines;

/// <summary>Something that happened to a case and moves its clock, on a Europe/London calendar date.</summary>
/// <param name="Name">One of <see cref="ClockEventNames"/>.</param>
public sealed record ClockEvent(string Name, DateOnly Date);

/// <summary>The event names (the contract with the CLI and the case store).</summary>
public static class ClockEventNames
{
    public const string ClarificationSent = "clarification_sent";
    public const string ClarificationReceived = "clarification_received";
    public const string FeesNoticeSent = "fees_notice_sent";
    public const string FeeReceived = "fee_received";
    public const string PitNoticeSent = "pit_notice_sent";
    public const string ExtensionNoticeSent = "extension_notice_sent";
    public const string ResponseSent = "response_sent";
    public const string IdReceived = "id_received";

    public static IReadOnlyList<string> All { get; } =
    [
        ClarificationSent, ClarificationReceived, FeesNoticeSent, FeeReceived,
        PitNoticeSent, ExtensionNoticeSent, ResponseSent, IdReceived,
    ];

    /// <summary>The events that mean something under each regime; any other is rejected rather than silently ignored.</summary>
    public static IReadOnlyList<string> AllowedFor(Regime regime) => regime switch
    {
        Regime.Foia => [ClarificationSent, ClarificationReceived, FeesNoticeSent, FeeReceived, PitNoticeSent, ResponseSent],

        // EIR: no PIT extension (reg 7 is the only one); reg 8 charges are not modelled (rule book E4 unverified).
        Regime.Eir => [ClarificationSent, ClarificationReceived, ExtensionNoticeSent, ResponseSent],

        // FOISA: no PIT extension (rule book S4).
        Regime.Foisa => [ClarificationSent, ClarificationReceived, FeesNoticeSent, FeeReceived, ResponseSent],
        Regime.FoiaReview or Regime.EirReview or Regime.FoisaReview => [ResponseSent],

        // UK GDPR: the clock starts again on the ID or fee asked for (rule book D1); no fees notice pause.
        Regime.Sar => [IdReceived, FeeReceived, ClarificationSent, ClarificationReceived, ExtensionNoticeSent, ResponseSent],
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };
}

/// <summary>The names of the dates a computation can return (the contract with the CLI and the case store).</summary>
public static class DateNames
{
    public const string ResponseDue = "response_due";
    public const string ResponseDuePit = "response_due_pit";
    public const string ResponseDueExtended = "response_due_extended";
    public const string FeePaymentDeadline = "fee_payment_deadline";
    public const string ReviewRequestDeadline = "review_request_deadline";

    /// <summary>FOISA only: OSIC's requester guidance, counted from an on-time response (rule book 8.3); advice, not the cut-off.</summary>
    public const string ReviewRequestAdvised = "review_request_advised";
    public const string ReviewResponseDue = "review_response_due";
    public const string ReviewResponseDueExtended = "review_response_due_extended";
}

/// <summary>Bad input to the engine (unknown regime or event, events out of order, no offset): the CLI exits 2.</summary>
public sealed class DeadlineInputException(string message) : Exception(message);
