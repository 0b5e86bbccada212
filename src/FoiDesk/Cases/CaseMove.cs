namespace FoiDesk.Cases;

/// <summary>What <see cref="CaseWorkflow.MoveInAsync"/> did: the status before, and after (null when the table has no row, so it stayed).</summary>
public sealed record CaseMove(CaseStatus Before, CaseStatus? After)
{
    /// <summary>The case's status now.</summary>
    public CaseStatus Status => After ?? Before;
}
