using System.Text.RegularExpressions;

namespace FoiDesk.Questions;

/// <summary>What a sentence of a request is doing.</summary>
internal enum SentenceRole
{
    Salutation,
    Intro,
    Note,
    Request,
    Closing,
    Other,
}

/// <summary>
/// The wording cues that tell a question from the letter around it, taken from the way requests reach councils
/// (WhatDoTheyKnow's template, officers' own templates, plain emails).
/// </summary>
internal static class RequestCues
{
    private static Regex R(string pattern) => Patterns.IgnoreCase(pattern);

    /// <summary>"Dear Thurrock Borough Council," and the like, possibly followed by the letter on the same line.</summary>
    public static readonly Regex SalutationPrefix = R(
        @"^(?:dear\b[^,\n]{0,80}(?:,|$)|to whom it may concern[,:]?|hello\b[^,\n]{0,40}(?:,|$)|hi\b[^,\n]{0,40}(?:,|$)|good (?:morning|afternoon|evening)\b[^,\n]{0,40}(?:,|$)|(?:fao|for the attention of)\b[^,\n]{0,80}(?:,|$)|sir(?: or madam)?,|madam,)");

    /// <summary>A line that starts the sign-off; everything from it on is the closing.</summary>
    public static readonly Regex StrongClosingLine = R(
        @"^(?:yours\s+(?:faithfully|sincerely|truly|respectfully)\b|please\s+use\s+this\s+email\s+address\s+for\s+all\s+replies)");

    /// <summary>A rule line; it starts the closing only when WhatDoTheyKnow's footer (or nothing) follows it.</summary>
    public static readonly Regex Separator = R(@"^[-_]{5,}\s*$");

    public static readonly Regex FooterOpening = R(
        @"^(?:please\s+use\s+this\s+email\s+address|is\s+.+\s+the\s+wrong\s+address|disclaimer:)");

    /// <summary>Softer sign-offs, trusted only once a question has been seen.</summary>
    public static readonly Regex ClosingSentence = R(
        @"^(?:kind(?:est)?\s+regards|best\s+regards|warm(?:est)?\s+regards|regards\b|many\s+thanks|thanks(?:\s+(?:very\s+much|again|in\s+advance|for\s+your\s+(?:help|time|assistance)[^.]*))?[.!,]?$|thank\s+you(?:\s+(?:very\s+much|in\s+advance|for\s+(?:your|taking)\b[^.?]*))?[.!,]?$|best\s+wishes|all\s+the\s+best|cheers\b|sincerely\b|i\s+look\s+forward\s+to\b|i\s+await\s+your\b)");

    private static readonly Regex Interrogative = R(
        @"^(?:how|what|which|when|where|who|whom|whose|why|whether|is|are|was|were|does|do|did|has|have|had|will|can|could|would|should)\b");

    private static readonly Regex RequestOpening = R(
        @"^(?:(?:and\s+|also\s+|additionally,?\s+|finally,?\s+)?(?:please|kindly)\b|(?:could|can|would|will)\s+(?:you|the\s+council|your)\b|(?:i|we)\s+(?:would|should|'d)\s+(?:also\s+|now\s+|therefore\s+|further\s+)?(?:like|be\s+grateful|appreciate|welcome)\b|(?:i|we)\s+(?:also\s+)?(?:request|ask|want|wish|require|seek|need)\b|(?:i\s+am|i'm)\s+(?:also\s+)?(?:requesting|asking|seeking)\b|(?:may|can|could)\s+(?:i|we)\s+(?:also\s+)?(?:have|see|request|ask|obtain|be\s+(?:provided|sent|told|given)|receive)\b|(?:tell|confirm|state|provide|list|supply|send|explain|advise|disclose|identify|indicate|give|detail|specify|share)\b)");

    private static readonly Regex RequestVerbAnywhere = R(
        @"\bplease\s+(?:also\s+)?(?:provide|supply|send|tell|confirm|state|disclose|give|list|share|advise|explain|detail|indicate|release|include|let\s+me\s+know|forward|specify|identify)\b|\b(?:i|we)\s+(?:would|should|'d)\s+(?:also\s+|now\s+)?like\s+(?:to\s+(?:request|receive|see|have|obtain|know|ask\s+for|be\s+(?:provided|sent|given|told))|a\s+copy|copies)\b");

    // Noun phrases that open a list item asking for a record or a figure ("Number of FTE staff", "Copies of minutes").
    private static readonly Regex InformationNoun = R(
        @"^(?:(?:a|an|the|any|all|your|each)\s+)?(?:(?:full|complete|total|current|annual|overall|latest|most\s+recent)\s+)?(?:copy|copies|number|numbers|total|totals|list|lists|breakdown|details?|names?|amounts?|costs?|value|values|figures?|percentage|proportion|dates?|minutes|records?|correspondence|documents?|documentation|information|data|statistics|summary|register|guidance|policy|policies|procedures?|spend|spending|expenditure|budgets?|contracts?|reports?|emails?|communications|agendas?|notes|salary|salaries|location|locations|address|addresses|job\s+titles?|titles?|average|median|time|how|whether|confirmation|evidence|assessment|assessments|plans?|strategy|strategies|criteria|tenders?|invoices?|payments?|income|revenue|fees?|fines?|complaints?|incidents?|instances?|staff|headcount|results?|outcomes?|reasons?|rate|rates|length|size|type|types|source|sources|organisations?|companies|suppliers?|providers?)\b");

    private static readonly Regex InformationFocus = R(
        @"\b(?:how\s+many|how\s+much|number\s+of|copy\s+of|copies\s+of|details\s+of|list\s+of|breakdown|amount\s+of|names?\s+of|cost\s+of|costs\s+of|spend\s+on|spent\s+on|total\s+(?:cost|spend|number|amount|value)|figures\s+for)\b");

    private static readonly Regex MentionsTheAct = R(
        @"\b(?:freedom\s+of\s+information|foi|foia|environmental\s+information\s+regulations|eirs?|the\s+act|data\s+protection\s+act)\b|\b(?:writing|write)\s+to\s+(?:request|ask|make)|\bmake\s+a\s+request\b|\bsubmit\s+a\s+request\b");

    private static readonly Regex FollowingIntro = R(
        @"\b(?:the\s+following|as\s+follows|below)\b[^.?]*[:.]?\s*$|:\s*$");

    private static readonly Regex NoteSubject = R(
        @"\b(?:the|this|these|all|my|your)\s+(?:following\s+)?(?:information|data|figures|answers?|responses?|request|requests|questions|details|above|totals|numbers)\b|\beach\s+(?:question|part|answer|of\s+the\s+above)\b|\b(?:it|them)\s+(?:in|as|by)\b");

    private static readonly Regex ScopeTopic = R(
        @"\b(?:years?|months?|quarters?|financial|calendar|period|since\s+\d{4}|from\s+\d|between\s+\d|\d{4}\s*(?:/|-|–|to)\s*\d{2,4}|to\s+date|date\s+range|broken\s+down|break(?:\s+|-)?down\s+by)\b");

    private static readonly Regex FormatTopic = R(
        @"\b(?:excel|csv|spreadsheets?|electronic(?:ally)?|machine[-\s]readable|format|pdf|open\s+format|re-?usable|by\s+e-?mail|via\s+e-?mail|(?:word|digital)\s+(?:document|format|copy)|reply\s+(?:to|by|via))\b");

    private static readonly Regex ScopeOpening = R(
        @"^(?:for\s+(?:each|every|all|the\s+(?:period|years?|financial|calendar|last|past|previous|current)|the\s+last|the\s+past|the\s+previous|(?:19|20)\d\d)|covering\b|in\s+(?:each|respect)\s+of\b|over\s+the\s+(?:last|past|previous)\b|(?:this|my)\s+request\s+(?:covers|relates|is\s+for|concerns|applies|refers)\b|the\s+(?:time\s+)?period\b|the\s+timeframe\b|where\s+(?:possible|available)\b)");

    private static readonly Regex Advisory = R(
        @"^(?:if\b[^.?]*\b(?:cost\s+limit|appropriate\s+limit|section\s+1[2-7]|s\.?\s?1[2-7]|exempt|exemption|redact|clarif|too\s+(?:broad|wide|large|much)|exceed|refuse|withhold|not\s+(?:held|hold|able|possible)|unable|cannot|you\s+(?:do\s+not|don't)\s+hold|any\s+(?:part|of\s+th))|(?:please\s+)?(?:note|be\s+aware)\b|i\s+(?:would\s+)?prefer\b|i\s+(?:am|would\s+be)\s+happy\b|i'd\s+be\s+happy\b|i\s+understand\s+(?:that|the)\b|under\s+(?:section\s+16|your\s+duty)|(?:please\s+)?(?:contact|let\s+me\s+know)\b[^.?]*\bif\b|(?:please\s+)?(?:(?:do\s+not|don't)\s+hesitate\s+to\s+)?contact\s+me\s+(?:with|about|regarding|should|on)\s+(?:any|if)\b|should\s+you\s+(?:need|require|have)\s+(?:any\s+)?(?:clarification|further|queries|questions)\b|i\s+(?:do\s+not|don't)\s+(?:require|need|want)\b|i\s+am\s+not\s+(?:requesting|asking|seeking)\b|i\s+would\s+like\s+(?:to\s+receive\s+)?(?:the|this)\s+(?:information|response|data)\s+(?:in|as|by|electronically))");

    /// <summary>A sentence about the information already asked for: "Could this be provided for 2024?", "Please provide this information in a clear format".</summary>
    private static readonly Regex AboutTheAnswer = R(
        @"^(?:if\s+possible,?\s+)?(?:could|can|would)\s+(?:this|these|it|they|the\s+(?:information|data|figures))\s+(?:also\s+)?be\s+(?:provided|supplied|sent|given|broken|split)\b|^(?:i\s+would\s+be\s+grateful\s+if\s+you\s+could\s+)?(?:provide|send|give)\s+(?:the\s+|your\s+)?(?:answers|responses?|replies|reply)\s+(?:via|by)\s+e-?mail\b|^(?:please\s+)?(?:provide|supply|send|give)\s+(?:it|them|this(?:\s+information|\s+data)?|these\s+figures|the\s+(?:information|data|figures|response))\s+(?:in|as)\s+(?:an?\s+)?(?:[\w-]+,?\s+){0,3}(?:format|spreadsheet|file|excel|csv|pdf)\b");

    private static readonly Regex FormatOnly = R(
        @"^(?:please\s+)?(?:(?:provide|supply|send|give)\s+(?:it|them|this|the\s+(?:information|data|figures|response))?\s*)?(?:(?:in|as)\s+(?:an?\s+)?(?:excel|csv|spreadsheet|electronic|machine|pdf|word|open|re-?usable)|(?:in|as)\s+(?:an?\s+)?(?:[\w-]+,?\s+){1,3}(?:format|spreadsheet|file)|electronically|by\s+e-?mail)\b");

    /// <summary>A definition ("'Service' means ...") or the line that introduces a list of them.</summary>
    public static readonly Regex Definition = R(
        @"^[""'“‘]?[\p{L}\p{N}][\p{L}\p{N}\s\-/&()]{0,50}[""'”’]?\s*(?:means|shall\s+mean|refers\s+to|is\s+defined\s+as|should\s+be\s+(?:taken|read|understood)\s+(?:to\s+mean|as)|has\s+the\s+(?:same\s+)?meaning|includes?\s+(?:any|all|both))\b|^(?:for\s+the\s+purposes?\s+of\s+(?:this|my|the)\s+request|in\s+this\s+request\b|definitions?\b|by\s+[""'“‘]|i\s+(?:use|define)\s+the\s+(?:following\s+)?terms?\b|the\s+following\s+definitions?\b|the\s+term\b)");

    /// <summary>The line before a list that quotes legislation, guidance or a document rather than asking.</summary>
    public static readonly Regex QuotingIntro = R(
        @"\b(?:states|says|reads|stipulates|provides\s+that|sets\s+out|specifies|defines|declares|notes|requires\s+that|which\s+(?:states|says|reads))\s*:?\s*[""“]?\s*$|[""“]\s*$|\b(?:section|regulation|paragraph|clause|article|schedule)\s+\d+[\w()]*\s+(?:of\s+[^:]*)?:\s*$");

    /// <summary>A list given as background or context, not as questions.</summary>
    public static readonly Regex BackgroundIntro = R(
        @"^(?:by\s+way\s+of\s+)?(?:background|context)\b|\b(?:for\s+(?:background|context)|by\s+way\s+of\s+(?:background|context)|to\s+give\s+(?:some\s+)?context)\b");

    /// <summary>An intro that says questions or items follow ("Please provide the following information:").</summary>
    public static readonly Regex ListIntro = R(
        @"\b(?:following|below)\b|^(?:you\s+asked|your\s+request(?:\s+was)?)\s*:\s*$|\b(?:questions?|information|details|data|documents?|items?)\s*:\s*$|\b(?:please|could\s+you|can\s+you|i\s+would\s+like|i\s+request|i\s+am\s+requesting|i\s+wish)\b");

    public static bool IsDefinition(string text) => Definition.IsMatch(text);

    private static readonly Regex GenericFollowing = R(@"\b(?:the\s+following|below)\s+(?:information|questions?|details|data|requests?|records|documents|items)\b|\b(?:questions?|information|details|data)\s*:\s*$");

    /// <summary>
    /// A request sentence that names exactly what it asks for ("the number of patients who left ... for the following
    /// reasons:", "how many were for a refusal to:") rather than announcing that questions follow: a list under it breaks
    /// that one request down.
    /// </summary>
    public static bool IsSpecificRequestIntro(string intro) =>
        intro.TrimEnd().EndsWith(':') && InformationFocus.IsMatch(intro) && !GenericFollowing.IsMatch(intro) && !MentionsTheAct.IsMatch(intro);

    /// <summary>Whether a list item asks in words of its own (a question mark, a request verb, a question word), not only by naming information.</summary>
    public static bool AsksInWords(string text) => WhyRequest(text, listItem: false) is not null;

    /// <summary>Whether a list item or sentence asks for information.</summary>
    /// <param name="listItem">List items may be bare noun phrases ("Number of FTE posts"); prose sentences may not.</param>
    public static bool IsRequest(string text, bool listItem) => WhyRequest(text, listItem) is not null;

    /// <summary>The cue that makes <paramref name="text"/> ask for information, in words an officer can check; null if none.</summary>
    public static string? WhyRequest(string text, bool listItem)
    {
        var t = TrimLead(text);
        if (t.Length == 0)
        {
            return null;
        }

        if (t.Contains('?', StringComparison.Ordinal))
        {
            return "asks a question (ends in '?')";
        }

        foreach (var (cue, what) in new[] { (RequestOpening, "opens with a request"), (RequestVerbAnywhere, "asks for information"), (Interrogative, "opens with a question word") })
        {
            if (cue.Match(t) is { Success: true } m)
            {
                return $"{what} ('{m.Value.Trim()}')";
            }
        }

        if (!listItem)
        {
            return null;
        }

        return InformationNoun.Match(t) is { Success: true } n ? $"names information asked for ('{n.Value.Trim()}')"
            : InformationFocus.Match(t) is { Success: true } f ? $"names information asked for ('{f.Value.Trim()}')"
            : null;
    }

    public static SentenceRole Classify(string sentence, bool questionSeen)
    {
        var t = TrimLead(sentence);
        if (t.Length == 0)
        {
            return SentenceRole.Other;
        }

        if (SalutationPrefix.IsMatch(t) && SalutationPrefix.Match(t).Length >= t.Length - 1)
        {
            return SentenceRole.Salutation;
        }

        if (StrongClosingLine.IsMatch(t) || (ClosingSentence.IsMatch(t) && (questionSeen || t.Length < 40)))
        {
            return SentenceRole.Closing;
        }

        if (IsDefinition(t))
        {
            return SentenceRole.Note;
        }

        if (IsNote(t))
        {
            return SentenceRole.Note;
        }

        if (IsSpecificRequestIntro(t))
        {
            return SentenceRole.Request;
        }

        if (IsIntro(t))
        {
            return SentenceRole.Intro;
        }

        return IsRequest(t, listItem: false) ? SentenceRole.Request : SentenceRole.Other;
    }

    /// <summary>A scope, format or advisory sentence about the request as a whole, not a question.</summary>
    public static bool IsNote(string sentence)
    {
        var t = TrimLead(sentence);
        if (AboutTheAnswer.IsMatch(t))
        {
            return true;
        }

        if (t.EndsWith('?'))
        {
            return false;
        }

        if (Advisory.IsMatch(t))
        {
            return true;
        }

        var hasFocus = InformationFocus.IsMatch(t);
        if (FormatOnly.IsMatch(t) && !hasFocus)
        {
            return true;
        }

        if (ScopeOpening.IsMatch(t) && t.Length < 200 && !hasFocus && !RequestVerbAnywhere.IsMatch(t))
        {
            return true;
        }

        return !hasFocus && NoteSubject.IsMatch(t) && (ScopeTopic.IsMatch(t) || FormatTopic.IsMatch(t));
    }

    /// <summary>"I would like to request the following information under the FOI Act ..." — the letter's opening.</summary>
    public static bool IsIntro(string sentence)
    {
        var t = TrimLead(sentence);
        if (t.EndsWith('?'))
        {
            return false;
        }

        if (FollowingIntro.IsMatch(t))
        {
            return true;
        }

        return MentionsTheAct.IsMatch(t) && !InformationFocus.IsMatch(t);
    }

    private static string TrimLead(string text) =>
        text.TrimStart(' ', '"', '“', '‘', '\'', '(', '[', '-', '–', '•', '*').TrimEnd();
}
