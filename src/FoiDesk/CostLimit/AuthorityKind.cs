namespace FoiDesk.CostLimit;

/// <summary>Which appropriate limit applies: the Fees Regulations 2004 reg 3(2) (central government) or 3(3) (everyone else).</summary>
public enum AuthorityKind
{
    /// <summary>Reg 3(3): £450, which at £25 an hour is 18 hours. Local authorities, police, NHS, schools.</summary>
    LocalAuthority,

    /// <summary>Reg 3(2): £600, 24 hours, for the bodies in Part 1 of Schedule 1 to FOIA (government departments, Parliament...).</summary>
    CentralGovernment,
}
