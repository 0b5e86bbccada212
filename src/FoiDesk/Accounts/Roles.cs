namespace FoiDesk.Accounts;

/// <summary>The four roles. Names are stored in account.roles and used as role claims.</summary>
public static class Roles
{
    /// <summary>Information governance officer: triages, assigns, records clock events, approves.</summary>
    public const string IgOfficer = "ig-officer";

    /// <summary>Answers the questions assigned to them or their teams.</summary>
    public const string Commissioner = "commissioner";

    /// <summary>Watches deadlines and statistics; may approve replies.</summary>
    public const string Manager = "manager";

    /// <summary>Manages accounts and reads the audit log.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [IgOfficer, Commissioner, Manager, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
