using FoiDesk.Intake;
using FoiDesk.Publication;
using FoiDesk.Redaction;
using FoiDesk.Questions;

namespace FoiDesk.Requesters;

/// <summary>What identifies a requester on a case: a normalised name, a personal address, WhatDoTheyKnow or not, postcodes.</summary>
public sealed record RequesterIdentity(string Name, string? Address, bool ViaWdtk, IReadOnlySet<string> Postcodes)
{
    public static RequesterIdentity Of(string? name, string? email, string? replyTo, long? wdtkRequestId, string text)
    {
        var wdtk = wdtkRequestId is not null || IsRequestAddress(email) || IsRequestAddress(replyTo);
        return new RequesterIdentity(
            QuestionSimilarity.Normalise(name ?? ""),
            // A WhatDoTheyKnow address belongs to one request, not to the person: it says nothing about other cases.
            string.IsNullOrWhiteSpace(email) || IsRequestAddress(email) ? null : email.Trim().ToLowerInvariant(),
            wdtk,
            PersonalData.Postcodes(text).Select(p => PersonalData.NormalisePostcode(p.Value)).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The rules by which <paramref name="other"/> is the same requester; empty when none holds.</summary>
    public IReadOnlyList<RequesterMatch> Compare(RequesterIdentity other)
    {
        var matches = new List<RequesterMatch>();
        if (Address is not null && Address == other.Address)
        {
            matches.Add(RequesterMatch.SameAddress);
        }

        // A name alone is too weak ("J Smith"): it must be a full name (two words at least) to count.
        var sameName = Name.Contains(' ', StringComparison.Ordinal) && Name == other.Name;
        if (sameName && ViaWdtk && other.ViaWdtk)
        {
            matches.Add(RequesterMatch.SameWdtkUser);
        }

        if (sameName && Postcodes.Overlaps(other.Postcodes))
        {
            matches.Add(RequesterMatch.SameNameAndPostcode);
        }

        return matches;
    }

    private static bool IsRequestAddress(string? address) => !string.IsNullOrWhiteSpace(address) && RequestAddress.Match(address) is not null;
}
