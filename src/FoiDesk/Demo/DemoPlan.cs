using FoiDesk.Deadlines;

namespace FoiDesk.Demo;

/// <summary>One demo case as planned: what arrived when, what happened to its clock, and where it stands today.</summary>
public sealed record DemoPlan
{
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateOnly ReceiptDate { get; init; }
    public required string Classification { get; init; }
    public string? Regime { get; init; }
    public required string Status { get; init; }
    public string? Outcome { get; init; }
    public required DemoRequests.Topic Topic { get; init; }
    public bool RoundRobin { get; init; }
    public bool WhatDoTheyKnow { get; init; }
    public required string Requester { get; init; }

    /// <summary>The clock events in date order, response_sent last when the reply has gone.</summary>
    public IReadOnlyList<ClockEvent> Events { get; init; } = [];

    /// <summary>unassigned, assigned, drafting, submitted or approved: the stage of the case's questions.</summary>
    public required string QuestionStatus { get; init; }
    public DateOnly? ConfirmedOn { get; init; }
    public DateOnly? AssignedOn { get; init; }
    public DateOnly? ApprovedOn { get; init; }

    /// <summary>answer, not-held or exempt; with exempt, the exemption cited (partly granted: the last question only).</summary>
    public string? AnswerKind { get; init; }
    public string? ExemptionCode { get; init; }

    /// <summary>An internal review's original case, as an index into the plan list.</summary>
    public int? ParentIndex { get; init; }
}
