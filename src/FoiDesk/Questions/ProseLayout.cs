using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

/// <summary>Requests written as prose, and the letter around a list: sentence by sentence.</summary>
internal static class ProseLayout
{
    public static void Split(Document doc, int from, int to, Builder build)
    {
        Classify(doc, from, to, build, questionsAllowed: true);

        // A request that is only "I am writing to request information about X." asks for X.
        if (build.Questions.Count == 0 && build.Fallback.Count > 0)
        {
            foreach (var (text, start, end) in build.Fallback)
            {
                build.Questions.Add(build.MakeQuestion(QuestionSplitter.NumberOf(build.Questions.Count), text, [], start, end, "no sentence asks, but this one says what the request is about"));
            }

            build.RemoveFallbackFromPreamble();
        }
    }

    /// <summary>
    /// Reads sentences of lines [from, to) into the builder: salutation and introduction to the preamble, scope and
    /// format to the notes, requests to new questions (when allowed) and other sentences to the question before them.
    /// </summary>
    public static void Classify(Document doc, int from, int to, Builder build, bool questionsAllowed, bool notesOnly = false)
    {
        var current = -1;
        var currentText = "";
        var currentStart = 0;
        var currentEnd = 0;
        string? currentNumber = null;
        var currentReason = "";

        // After "I request the following information." each paragraph may be a bare item ("The number of ...").
        var itemsFollow = false;
        var colonIntro = false;

        void Flush()
        {
            if (current >= 0)
            {
                build.Questions.Add(build.MakeQuestion(currentNumber ?? QuestionSplitter.NumberOf(build.Questions.Count), currentText, [], currentStart, currentEnd, currentReason));
                current = -1;
            }
        }

        foreach (var (first, last) in doc.Paragraphs(from, to, breakAtMarkers: false))
        {
            var joined = doc.Join(first, last);
            var text = joined.Text;
            var newParagraph = true;
            foreach (var (sStart0, sEnd) in Sentences.Split(text))
            {
                var sStart = sStart0;
                var sentence = text[sStart..sEnd];

                // "Dear Sir, please provide ..." on one line: the salutation is cut off the front.
                var salutation = RequestCues.SalutationPrefix.Match(sentence);
                if (salutation.Success && salutation.Length < sentence.Length - 1 && current < 0)
                {
                    build.AddPreamble(sentence[..salutation.Length].Trim(), newParagraph);
                    newParagraph = true;
                    sStart += salutation.Length;
                    while (sStart < sEnd && text[sStart] == ' ')
                    {
                        sStart++;
                    }

                    sentence = text[sStart..sEnd];
                }

                var role = RequestCues.Classify(sentence, questionSeen: build.Questions.Count > 0 || current >= 0);
                // After an introduction ending in a colon, items glued into one paragraph are bare noun phrases too.
                if (role == SentenceRole.Other && itemsFollow && (newParagraph || colonIntro) && RequestCues.IsRequest(sentence, listItem: true))
                {
                    role = SentenceRole.Request;
                }

                // Items glued after a colon share their opening ("The current number ... The current shortfall ..."):
                // a sentence opening like the item before it is the next item even when its noun is not a known one.
                var parallel = false;
                if (role == SentenceRole.Other && itemsFollow && colonIntro && current >= 0 && SameOpening(currentText, sentence))
                {
                    role = SentenceRole.Request;
                    parallel = true;
                }

                itemsFollow |= role == SentenceRole.Intro && RequestCues.ListIntro.IsMatch(sentence);
                colonIntro = role == SentenceRole.Intro ? sentence.TrimEnd().EndsWith(':') : colonIntro;
                if (notesOnly)
                {
                    role = role == SentenceRole.Closing ? SentenceRole.Closing : SentenceRole.Note;
                }

                switch (role)
                {
                    case SentenceRole.Closing when questionsAllowed || notesOnly:
                        Flush();
                        build.ClosingStart = joined.OriginalStart(sStart);
                        return;
                    case SentenceRole.Note:
                        build.Notes.Add(sentence);
                        break;
                    case SentenceRole.Request when questionsAllowed:
                        newParagraph = false;
                        Flush();
                        var inline = InlineItems(sentence);
                        if (inline.Count >= 2)
                        {
                            // "Please tell me (1) how many ..., (2) how many ... and (3) what ...": one question each.
                            var leadIn = sentence[..inline[0].MarkerStart].Trim();
                            if (leadIn.Length > 0)
                            {
                                build.AddPreamble(leadIn, newParagraph: true);
                            }

                            for (var k = 0; k < inline.Count - 1; k++)
                            {
                                var (label, _, itemStart, itemEnd) = inline[k];
                                build.Questions.Add(build.MakeQuestion(label, sentence[itemStart..itemEnd], [], joined.OriginalStart(sStart + itemStart), joined.OriginalEnd(sStart + itemEnd), InlineReason(label)));
                            }

                            var final = inline[^1];
                            current = build.Questions.Count;
                            currentNumber = final.Label;
                            currentReason = InlineReason(final.Label);
                            currentText = sentence[final.TextStart..final.TextEnd];
                            currentStart = joined.OriginalStart(sStart + final.TextStart);
                            currentEnd = joined.OriginalEnd(sStart + final.TextEnd);
                            break;
                        }

                        current = build.Questions.Count;
                        currentNumber = null;
                        currentReason = parallel
                            ? $"a sentence that opens like the item before it ('{FirstWords(sentence)}') after an introduction ending in a colon"
                            : $"a sentence that {RequestCues.WhyRequest(sentence, listItem: true) ?? "asks for information"}";
                        currentText = sentence;
                        currentStart = joined.OriginalStart(sStart);
                        currentEnd = joined.OriginalEnd(sStart + sentence.Length);
                        break;
                    default:
                        if (current >= 0)
                        {
                            newParagraph = false;
                            currentText += " " + sentence;
                            currentEnd = joined.OriginalEnd(sEnd);
                        }
                        else
                        {
                            if (role == SentenceRole.Intro && questionsAllowed && !RequestCues.ListIntro.IsMatch(sentence))
                            {
                                build.Fallback.Add((sentence, joined.OriginalStart(sStart), joined.OriginalEnd(sEnd)));
                            }

                            build.AddPreamble(sentence, newParagraph);
                            newParagraph = false;
                        }

                        break;
                }
            }
        }

        Flush();
    }

    private static readonly Regex Determiner = Patterns.IgnoreCase(@"^(?:the|a|an|any|all|each)\s+\S+");

    private static bool SameOpening(string previous, string sentence) =>
        Determiner.Match(previous.TrimStart()) is { Success: true } p && Determiner.Match(sentence.TrimStart()) is { Success: true } s
        && string.Equals(p.Value.Split(' ')[0], s.Value.Split(' ')[0], StringComparison.OrdinalIgnoreCase);

    private static string FirstWords(string sentence) => Determiner.Match(sentence.TrimStart()).Value;

    private static string InlineReason(string label) => $"item ({label}) numbered inside a sentence that asks for information";

    private static readonly Regex InlineMarker = Patterns.CaseSensitive(@"(?:^|(?<=[\s,;:]))\((?<l>\d{1,2}|[a-z])\)\s|(?:^|(?<=[\s,;:]))(?<l>\d{1,2}|[a-z])\)\s");

    private static readonly Regex TrailingGlue = Patterns.CaseSensitive(@"[\s,;]*(?:\b(?:and|or)\b)?[\s,;]*$");

    /// <summary>
    /// Items numbered inside one sentence, (1) (2) (3) or a) b) c), in sequence from the first; empty if there is
    /// no such sequence. Each item's text runs to the next marker, without a trailing "and" or comma.
    /// </summary>
    private static List<(string Label, int MarkerStart, int TextStart, int TextEnd)> InlineItems(string sentence)
    {
        var matches = InlineMarker.Matches(sentence);
        var items = new List<(string, int, int, int)>();
        var expected = 1;
        foreach (Match m in matches)
        {
            var label = m.Groups["l"].Value;
            var ordinal = char.IsDigit(label[0]) ? int.Parse(label, System.Globalization.CultureInfo.InvariantCulture) : label[0] - 'a' + 1;
            if (ordinal != expected)
            {
                continue;
            }

            items.Add((label, m.Index, m.Index + m.Length, sentence.Length));
            expected++;
        }

        if (items.Count < 2)
        {
            return [];
        }

        for (var k = 0; k < items.Count; k++)
        {
            var (label, markerStart, textStart, _) = items[k];
            var end = k + 1 < items.Count ? items[k + 1].Item2 : sentence.Length;
            var text = sentence[textStart..end];
            items[k] = (label, markerStart, textStart, textStart + TrailingGlue.Replace(text, "").Length);
        }

        return items;
    }
}
