namespace FoiDesk.Intake;

/// <summary>
/// Whether a request is written in Welsh, so its letters can be proposed in Welsh (Welsh Language Standards:
/// a council answers in Welsh someone who wrote to it in Welsh). A small, honest heuristic: the share of
/// words that are common Welsh function words and FOI vocabulary. It is a proposal only; the officer sees the
/// language on the case and can change it. A Welsh place name in an English request ("Betws-y-Coed") adds a
/// word or two, far below the share a Welsh sentence reaches.
/// </summary>
public static class WelshText
{
    /// <summary>
    /// Common Welsh words, with their mutated forms where a request is likely to use them ("ddeddf" after "o dan").
    /// "a" and "i" are Welsh too, but also English words, so they are left out; so is "am" (English "I am").
    /// </summary>
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "y", "yr", "r", "ac", "o", "yn", "ar", "mae", "eich", "ein", "gan", "gyda", "wedi", "bod", "fy", "hyn", "hwn",
        "hon", "pa", "sut", "faint", "ydy", "yw", "oes", "ni", "chi", "rhwng", "ers", "ganlynol", "hoffwn", "diolch",
        "annwyl", "cais", "gais", "gwybodaeth", "wybodaeth", "deddf", "ddeddf", "rhyddid", "cyngor", "gyngor",
        "blwyddyn", "flwyddyn", "ariannol", "nifer", "ynglŷn", "ynghylch", "dan", "gyfer", "cyfer", "rhoi", "roi",
    };

    /// <summary>Fewer marker words than this is too little text to judge.</summary>
    public const int MinimumMarkers = 4;

    /// <summary>Welsh prose runs at a third or more of these words; English with Welsh names at a few per cent.</summary>
    public const double MinimumShare = 0.2;

    public static bool LooksWelsh(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return false;
        }

        var markers = words.Count(Markers.Contains);
        return markers >= MinimumMarkers && (double)markers / words.Count >= MinimumShare;
    }

    /// <summary>Lower-case runs of letters ("o'r" is "o" and "r"); digits and punctuation separate words.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
