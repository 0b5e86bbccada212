namespace FoiDesk.Web.SingleSignOn;

/// <summary>
/// Which values of the role claim (Entra app role values, or group object ids) give each FoiDesk role, e.g.
/// FoiDesk__Auth__Oidc__Roles__IgOfficer__0=FoiDesk.IgOfficer. Values compare exactly (ordinal).
/// </summary>
public sealed class OidcRoleMap
{
    public string[] IgOfficer { get; set; } = [];

    public string[] Commissioner { get; set; } = [];

    public string[] Manager { get; set; } = [];

    public string[] Admin { get; set; } = [];

    /// <summary>The FoiDesk roles the claim values map to, in FoiDesk's order; empty when none does.</summary>
    public IReadOnlyList<string> Map(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        return [.. Pairs().Where(p => p.Values.Any(values.Contains)).Select(p => p.Role)];
    }

    public bool IsEmpty => Pairs().All(p => p.Values.Length == 0);

    private IEnumerable<(string Role, string[] Values)> Pairs() =>
    [
        (FoiDesk.Accounts.Roles.IgOfficer, IgOfficer),
        (FoiDesk.Accounts.Roles.Commissioner, Commissioner),
        (FoiDesk.Accounts.Roles.Manager, Manager),
        (FoiDesk.Accounts.Roles.Admin, Admin),
    ];
}
