namespace FoiDesk.Replies.Safety;

/// <summary>
/// A decision to send despite the pre-send gate's findings. Only an IG officer may make it (security review
/// M5: the information-governance lead answers for a disclosure, not the approving manager), it always needs a
/// reason, and it is written to the audit log and the case's timeline with the findings it overrode.
/// </summary>
/// <param name="ByIgOfficer">Whether the person overriding holds the ig-officer role (the caller's claims say so).</param>
public sealed record SafetyOverride(string Reason, long? AccountId, bool ByIgOfficer);
