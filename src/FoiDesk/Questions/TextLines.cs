namespace FoiDesk.Questions;

/// <summary>Line boundaries of mail text, LF or CRLF, as offsets so every consumer can point back into the original.</summary>
internal static class TextLines
{
    /// <summary>
    /// Start and end (exclusive, before any CR) of each line. Text ending in a line break has no empty last line.
    /// </summary>
    public static List<(int Start, int End)> Of(string text)
    {
        var result = new List<(int, int)>();
        var pos = 0;
        while (pos < text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            result.Add((pos, end > pos && text[end - 1] == '\r' ? end - 1 : end));
            pos = end + 1;
        }

        return result;
    }
}
