namespace FoiDesk.Cases;

/// <summary>Where one question of a case is (question.status), stored as the text of <see cref="QuestionStatuses"/>.</summary>
public enum QuestionStatus
{
    /// <summary>Not yet given to a team.</summary>
    Unassigned,

    /// <summary>With a team (and perhaps one person in it), nothing drafted yet.</summary>
    Assigned,

    Drafting,

    /// <summary>Sent back: by its commissioner (not ours) or by the approver (with comments).</summary>
    Returned,

    /// <summary>Answered and waiting for the approver.</summary>
    Submitted,

    Approved,

    /// <summary>Folded into the question before it; kept so nothing received is lost.</summary>
    Merged,
}
