namespace FoiDesk.Cases;

/// <summary>What can happen to a case or one of its questions: the verbs of <see cref="CaseTransitions"/>.</summary>
public enum CaseCommand
{
    /// <summary>Intake (or an officer, from the holding pen) opens a request or an internal review.</summary>
    Open,

    /// <summary>An officer confirms what the request is and the clock it runs on.</summary>
    ConfirmTriage,

    /// <summary>Triage finds it is not FOI or a duplicate: it closes at once with that outcome.</summary>
    CloseAtTriage,

    /// <summary>A question goes to a team (again).</summary>
    Assign,

    SaveDraft,
    SubmitAnswer,

    /// <summary>The commissioner gives the question back to the officers (wrong team, not ours).</summary>
    HandBack,

    /// <summary>The approver sends an answer back with comments.</summary>
    ReturnAnswer,

    Approve,

    /// <summary>The outbox sent the response (or refusal, not-held notice): FOIA s10 compliance.</summary>
    Send,

    /// <summary>Clarification (FOIA s1(3)) or a fees notice (s9) sent: the clock stops.</summary>
    StopClock,

    /// <summary>The clarification, fee or proof of identity arrived: the clock runs again.</summary>
    RestartClock,

    /// <summary>Any other clock event (an extension, a PIT notice): the dates change, the status does not.</summary>
    RecordClockEvent,

    /// <summary>An officer merges a question into the one before it.</summary>
    Merge,
}
