namespace FoiDesk.TwoStep;

/// <summary>An account's two-step verification: on or not, an enrolment waiting for its first code, recovery codes left.</summary>
public sealed record TwoStepStatus(bool Enabled, bool Pending, int RecoveryCodesLeft);
