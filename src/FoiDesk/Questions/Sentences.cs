namespace FoiDesk.Questions;

/// <summary>Sentence and paragraph boundaries in request prose.</summary>
internal static class Sentences
{
    // A full stop after these is not the end of a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "eg", "i.e", "ie", "etc", "mr", "mrs", "ms", "dr", "no", "nos", "vs", "v", "approx", "st", "cllr", "ltd",
        "co", "inc", "para", "paras", "s", "ss", "reg", "regs", "art", "sec", "fig", "p", "pp", "cf", "al", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ref", "tel", "min", "max", "incl", "excl",
    };

    /// <summary>Start and end (exclusive) of each sentence in <paramref name="text"/> (already whitespace-collapsed).</summary>
    public static List<(int Start, int End)> Split(string text)
    {
        var result = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '?' or '!') && !(c == ':' && Glued(text, i)))
            {
                continue;
            }

            var j = i + 1;
            while (j < text.Length && text[j] is '"' or '”' or '’' or '\'' or ')' or ']' or '.' or '?' or '!')
            {
                j++;
            }

            // "...under the Act 2000.Please provide": a web form glued the sentences together.
            if (j < text.Length && j == i + 1 && Glued(text, i))
            {
                result.Add((start, j));
                start = j;
                continue;
            }

            if (j >= text.Length || text[j] != ' ' || j + 1 >= text.Length)
            {
                continue;
            }

            var next = text[j + 1];
            if (!(char.IsUpper(next) || char.IsDigit(next) || next is '"' or '“' or '‘' or '(' or '•'))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, i))
            {
                continue;
            }

            result.Add((start, j));
            start = j + 1;
            i = j;
        }

        if (start < text.Length)
        {
            result.Add((start, text.Length));
        }

        return result;
    }

    /// <summary>
    /// A sentence end with no space after it: lower-case word (or a closing bracket before a full stop), stop, then a capitalised word of two or more letters
    /// ("2000.Please", "supply:The"), not an abbreviation, a file name or a web address.
    /// </summary>
    private static bool Glued(string text, int at)
    {
        if (at < 2 || at + 2 >= text.Length || !(char.IsLower(text[at - 1]) || (text[at - 1] == ')' && text[at] == '.')) || !char.IsUpper(text[at + 1]) || !char.IsLower(text[at + 2]))
        {
            return false;
        }

        var k = at - 1;
        while (k >= 0 && !char.IsWhiteSpace(text[k]))
        {
            k--;
        }

        var word = text[(k + 1)..at];
        return !word.Contains('.', StringComparison.Ordinal) && !word.Contains('/', StringComparison.Ordinal) && !word.Contains('@', StringComparison.Ordinal)
            && (text[at] == ':' || !IsAbbreviation(text, at));
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var k = dot - 1;
        while (k >= 0 && (char.IsLetter(text[k]) || text[k] == '.'))
        {
            k--;
        }

        var word = text[(k + 1)..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // A single capital before a full stop is an initial ("J. Smith").
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    /// <summary>
    /// The width the text was hard-wrapped at, or null when lines were not wrapped (each line is a paragraph).
    /// Mail clients and authorities' systems wrap quoted text at 72-80 columns.
    /// </summary>
    public static int? WrapWidth(IReadOnlyList<SourceLine> lines)
    {
        var lengths = lines.Where(l => !l.IsBlank).Select(l => l.Text.Length + l.Indent).ToList();
        if (lengths.Count < 4)
        {
            return null;
        }

        var max = lengths.Max();
        if (max > 100)
        {
            return null;
        }

        var nearMax = lengths.Count(n => n >= max - 20);
        return nearMax * 10 >= lengths.Count * 4 ? max : null;
    }

    /// <summary>Whether line <paramref name="i"/> runs on into the next line rather than ending a paragraph.</summary>
    public static bool RunsOn(IReadOnlyList<SourceLine> lines, IReadOnlyList<ListMarker?> markers, int i, int? width)
    {
        if (i + 1 >= lines.Count || lines[i].IsBlank || lines[i + 1].IsBlank || markers[i + 1] is not null)
        {
            return false;
        }

        var line = lines[i];
        var next = lines[i + 1].Text;
        if (markers[i] is { } m && m.TextStart >= line.Text.Length)
        {
            return true; // a bare bullet: its text was wrapped onto the next line
        }

        if (char.IsLower(next[0]))
        {
            return true;
        }

        if (line.Text.EndsWith('-') && line.Text.Length > 1 && char.IsLetter(line.Text[^2]))
        {
            return true;
        }

        return width is { } w && line.Text.Length + line.Indent >= w - 20;
    }
}
