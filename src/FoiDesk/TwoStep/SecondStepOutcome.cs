namespace FoiDesk.TwoStep;

/// <summary>What the second sign-in step decided.</summary>
public enum SecondStepOutcome
{
    /// <summary>A current code from the app.</summary>
    Code,

    /// <summary>A recovery code, now used up.</summary>
    RecoveryCode,

    /// <summary>Wrong, replayed or expired code; or the account is locked, disabled or no longer enrolled.</summary>
    Refused,
}
