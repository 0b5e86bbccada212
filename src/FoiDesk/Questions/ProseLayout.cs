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
                build.Questions.Add(build.MakeQuestion(QuestionSplitter.NumberOf(build.Questions.Count), text, [], start, end));
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

        // After "I request the following information." each paragraph may be a bare item ("The number of ...").
        var itemsFollow = false;

        void Flush()
        {
            if (current >= 0)
            {
                build.Questions.Add(build.MakeQuestion(QuestionSplitter.NumberOf(build.Questions.Count), currentText, [], currentStart, currentEnd));
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
                if (role == SentenceRole.Other && itemsFollow && newParagraph && RequestCues.IsRequest(sentence, listItem: true))
                {
                    role = SentenceRole.Request;
                }

                itemsFollow |= role == SentenceRole.Intro && RequestCues.ListIntro.IsMatch(sentence);
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
                        current = build.Questions.Count;
                        currentText = sentence;
                        currentStart = joined.OriginalStart(sStart);
                        currentEnd = joined.OriginalEnd(sEnd);
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
}
