namespace FoiDesk.TwoStep;

/// <summary>Whom an administrator requires to use two-step verification: everyone, or anyone holding one of the roles.</summary>
public sealed record TwoStepRequirement
{
    public required bool Everyone { get; init; }

    public required string[] Roles { get; init; }

    public bool AppliesTo(IEnumerable<string> roles) => Everyone || roles.Any(r => Roles.Contains(r, StringComparer.Ordinal));
}
