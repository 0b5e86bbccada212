using System.Text;

namespace FoiDesk.Questions;

/// <summary>
/// Text joined from several source lines with whitespace collapsed, remembering for each character where it came
/// from in the original, so a sentence cut out of the joined text can still point at its source.
/// </summary>
internal sealed class JoinedText
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _map = [];

    public string Text => _text.ToString();

    public int Length => _text.Length;

    /// <summary>Appends a line's text from <paramref name="from"/>, joining with one space (none after a hyphen that broke a word).</summary>
    public void Append(SourceLine line, int from = 0)
    {
        if (from >= line.Text.Length)
        {
            return;
        }

        if (_text.Length > 0 && !char.IsWhiteSpace(_text[^1]))
        {
            var hyphenBreak = _text.Length > 1 && _text[^1] == '-' && char.IsLetter(_text[^2]) && char.IsLower(line.Text[from]);
            if (!hyphenBreak)
            {
                _text.Append(' ');
                _map.Add(_map[^1] + 1);
            }
        }

        for (var i = from; i < line.Text.Length; i++)
        {
            var c = line.Text[i];
            if (char.IsWhiteSpace(c))
            {
                if (_text.Length == 0 || char.IsWhiteSpace(_text[^1]))
                {
                    continue;
                }

                c = ' ';
            }

            _text.Append(c);
            _map.Add(line.ContentStart + i);
        }

        while (_text.Length > 0 && _text[^1] == ' ')
        {
            _text.Length--;
            _map.RemoveAt(_map.Count - 1);
        }
    }

    /// <summary>Original offset of the joined character at <paramref name="index"/>.</summary>
    public int OriginalStart(int index) => _map[index];

    /// <summary>Original offset just past the joined character at <paramref name="index"/> - 1.</summary>
    public int OriginalEnd(int endIndex) => _map[endIndex - 1] + 1;

    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = char.IsWhiteSpace(ch) ? ' ' : ch;
            if (c == ' ' && (sb.Length == 0 || sb[^1] == ' '))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString().TrimEnd();
    }
}
