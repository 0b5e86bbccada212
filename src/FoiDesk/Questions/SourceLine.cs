namespace FoiDesk.Questions;

/// <summary>
/// One line of a request after email quoting ("&gt; ") and common indentation are taken off.
/// Offsets point into the original text so nothing is lost.
/// </summary>
internal sealed record SourceLine
{
    /// <summary>Offset of the line's first character in the original text.</summary>
    public required int Start { get; init; }

    /// <summary>Offset just past the line's last character (before the line break).</summary>
    public required int End { get; init; }

    /// <summary>Offset of <see cref="Text"/>'s first character in the original text.</summary>
    public required int ContentStart { get; init; }

    /// <summary>The line's content, quoting and surrounding whitespace removed.</summary>
    public required string Text { get; init; }

    /// <summary>Leading whitespace left after the common indentation is removed.</summary>
    public required int Indent { get; init; }

    /// <summary>The line was itself quoted inside the body ("&gt;" left after whole-text unquoting).</summary>
    public required bool Quoted { get; init; }

    public bool IsBlank => Text.Length == 0;

    /// <summary>
    /// Splits text into lines, removing one level of "&gt;" quoting when most lines carry it (a request quoted back
    /// in a reply) and the indentation every line shares (an authority's indented copy).
    /// </summary>
    public static IReadOnlyList<SourceLine> Read(string text)
    {
        var raw = TextLines.Of(text);

        // Content start after any number of whole-text quoting levels.
        var starts = raw.Select(r => r.Start).ToArray();
        while (true)
        {
            int quoted = 0, nonBlank = 0;
            for (var i = 0; i < raw.Count; i++)
            {
                var s = SkipSpaces(text, starts[i], raw[i].End);
                if (s < raw[i].End)
                {
                    nonBlank++;
                    if (text[s] == '>')
                    {
                        quoted++;
                    }
                }
            }

            // Most lines quoted: this is a quoted copy. A stray unquoted line (a wrapped quote) is kept as is.
            if (nonBlank == 0 || quoted * 10 < nonBlank * 7)
            {
                break;
            }

            for (var i = 0; i < raw.Count; i++)
            {
                var s = SkipSpaces(text, starts[i], raw[i].End);
                if (s < raw[i].End && text[s] == '>')
                {
                    s++;
                    if (s < raw[i].End && text[s] == ' ')
                    {
                        s++;
                    }

                    starts[i] = s;
                }
            }
        }

        var indents = new int[raw.Count];
        var minIndent = int.MaxValue;
        for (var i = 0; i < raw.Count; i++)
        {
            var s = SkipSpaces(text, starts[i], raw[i].End);
            indents[i] = s - starts[i];
            if (s < raw[i].End)
            {
                minIndent = Math.Min(minIndent, indents[i]);
            }
        }

        if (minIndent == int.MaxValue)
        {
            minIndent = 0;
        }

        var lines = new List<SourceLine>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var s = SkipSpaces(text, starts[i], raw[i].End);
            var e = raw[i].End;
            while (e > s && IsSpace(text[e - 1]))
            {
                e--;
            }

            var content = text[s..e];
            lines.Add(new SourceLine
            {
                Start = raw[i].Start,
                End = raw[i].End,
                ContentStart = s,
                Text = content,
                Indent = s < raw[i].End ? Math.Max(0, indents[i] - minIndent) : 0,
                Quoted = content.StartsWith('>'),
            });
        }

        return lines;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\u00a0' or '\u2007' or '\u202f' or '\u3000' or '\f' or '\v';

    private static int SkipSpaces(string text, int from, int end)
    {
        while (from < end && IsSpace(text[from]))
        {
            from++;
        }

        return from;
    }
}
