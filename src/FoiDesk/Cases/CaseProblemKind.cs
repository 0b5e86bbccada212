namespace FoiDesk.Cases;

/// <summary>Why a case command was not carried out; the API maps these to 404, 400 and 409.</summary>
public enum CaseProblemKind
{
    /// <summary>No such case or question (or not one this person may act on).</summary>
    NotFound,

    /// <summary>The input is wrong (unknown classification, missing reason, a team that does not exist).</summary>
    Invalid,

    /// <summary>The input is fine but the case or question is not in a status that allows it.</summary>
    NotAllowed,
}
