namespace FoiDesk.TwoStep;

/// <summary>
/// Encrypts TOTP secrets at rest. The web host supplies it from ASP.NET Core Data Protection (whose key ring is
/// in PostgreSQL), so the core keeps no reference to ASP.NET Core and secrets never reach the database in clear.
/// </summary>
public sealed record TotpSecretProtection(Func<byte[], byte[]> Protect, Func<byte[], byte[]> Unprotect)
{
    /// <summary>The Data Protection purpose string; changing it makes every stored secret unreadable.</summary>
    public const string Purpose = "FoiDesk.TwoStep.TotpSecret.v1";
}
