using System.Globalization;

namespace FoiDesk.Requesters;

/// <summary>
/// FoiDesk:RepeatRequests. The "reasonable interval" of FOIA s.14(2) in working days after the earlier response
/// (default 60: the ICO's guidance on repeat requests takes the Fees Regulations' 60 working days as a guide), and
/// the similarity from which two requests count as "substantially similar" (see <see cref="RequestSimilarity"/>).
/// </summary>
public sealed class RepeatRequestOptions
{
    public const string Section = "FoiDesk:RepeatRequests";

    public int IntervalWorkingDays { get; set; } = 60;

    /// <summary>0..1; 1 flags only identical requests.</summary>
    public double SimilarityThreshold { get; set; } = RequestSimilarity.SubstantiallySimilar;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (IntervalWorkingDays is < 1 or > 1000)
        {
            problems.Add($"{Section}:IntervalWorkingDays must be from 1 to 1000, not {IntervalWorkingDays}");
        }

        if (SimilarityThreshold is <= 0 or > 1 || double.IsNaN(SimilarityThreshold))
        {
            problems.Add($"{Section}:SimilarityThreshold must be more than 0 and at most 1, not {SimilarityThreshold.ToString(CultureInfo.InvariantCulture)}");
        }

        return problems;
    }
}
