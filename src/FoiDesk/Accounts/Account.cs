namespace FoiDesk.Accounts;

public sealed record Account
{
    public required long Id { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string PasswordHash { get; init; }
    public required string[] Roles { get; init; }
    public required bool MustChangePassword { get; init; }
    public required bool Disabled { get; init; }
    public required int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>When the one-time password (while <see cref="MustChangePassword"/>) stops working; null: never.</summary>
    public DateTimeOffset? OneTimePasswordExpiresAt { get; init; }
}

public enum SignInOutcome
{
    Success,
    WrongEmailOrPassword,
    LockedOut,
    Disabled,
    OneTimePasswordExpired,
}

public sealed record SignInResult(SignInOutcome Outcome, Account? Account);
