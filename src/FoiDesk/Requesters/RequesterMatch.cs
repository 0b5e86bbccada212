namespace FoiDesk.Requesters;

/// <summary>Why two cases are taken to come from the same requester.</summary>
public enum RequesterMatch
{
    /// <summary>The same email address (not a per-request WhatDoTheyKnow address).</summary>
    SameAddress,

    /// <summary>
    /// Both came through WhatDoTheyKnow under the same user name. WhatDoTheyKnow gives every request its own
    /// address (request-NNN-hash@whatdotheyknow.com), so the name it sends as the From display name is the only
    /// mark of the user that reaches the authority.
    /// </summary>
    SameWdtkUser,

    /// <summary>The same name, and a postcode in common in the requests' text (a postal address in the signature).</summary>
    SameNameAndPostcode,
}
