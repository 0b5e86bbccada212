using System.Text.RegularExpressions;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>The regime an incoming request is proposed to fall under; an officer confirms or changes it.</summary>
public enum RequestRoute
{
    /// <summary>Freedom of Information Act 2000.</summary>
    Foi,

    /// <summary>Environmental Information Regulations 2004 (reg. 2(1): the state of the elements, emissions, land use, measures affecting them).</summary>
    Eir,

    /// <summary>UK GDPR Art. 15 subject access request: the requester's own personal data (exempt from FOIA under s40(1)).</summary>
    SubjectAccess,

    /// <summary>A request to review an earlier response (FOIA s45 code of practice; EIR reg. 11 reconsideration).</summary>
    InternalReview,

    /// <summary>Business as usual: routine service requests, or another public body asking as a colleague would.</summary>
    NotFoi,

    /// <summary>The same text as an earlier request from the same requester.</summary>
    Duplicate,
}

/// <summary>What the triage needs to know about an incoming request.</summary>
public sealed record TriageInput
{
    /// <summary>The request body (footer stripped, quotes folded).</summary>
    public required string Text { get; init; }

    public string Subject { get; init; } = "";

    /// <summary>The sender's address, if known (a .gov.uk sender is a cue for business as usual).</summary>
    public string? FromAddress { get; init; }

    /// <summary>
    /// <see cref="RouteProposer.NormaliseForDuplicate"/> of earlier requests from the same requester (the DB layer keeps them).
    /// </summary>
    public IReadOnlyList<string> EarlierNormalisedTexts { get; init; } = [];

    /// <summary><see cref="QuestionSplitter.Split"/> of <see cref="Text"/> when the caller has it already (intake does).</summary>
    public SplitRequest? Split { get; init; }
}

/// <summary>A proposed route, the cues that led to it, and other routes worth a look.</summary>
public sealed record TriageProposal
{
    public required RequestRoute Route { get; init; }

    /// <summary>Why: each matched cue in words an officer can check ("mentions 'subject access'").</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Other routes whose cues also matched, most likely first.</summary>
    public required IReadOnlyList<RequestRoute> AlsoConsider { get; init; }
}

/// <summary>
/// Proposes how to handle a new request from its text. Precedence when several match: duplicate, internal review,
/// subject access, business as usual, EIR, FOI (a mixed request is logged under the first and the others are
/// listed to consider).
/// </summary>
public static class RouteProposer
{
    private static Regex R(string pattern) => Patterns.IgnoreCase(pattern);

    private static readonly (Regex Cue, string Label)[] ReviewCues =
    [
        (R(@"\binternal\s+review\b"), "internal review"),
        (R(@"\b(?:review|reconsider|reconsideration)\s+(?:of|into)?\s*(?:your|the|its|this)\s+(?:response|decision|handling|refusal|reply|answer)"), "review of the response"),
        (R(@"\b(?:not|un)\s*(?:satisfied|happy)\s+with\s+(?:your|the)\s+(?:response|reply|handling|answer)"), "dissatisfied with the response"),
        (R(@"\bappeal\s+(?:against\s+)?(?:your|the|this)\s+(?:decision|refusal|response)"), "appeal against the decision"),
        (R(@"\bregulation\s+11\b"), "EIR regulation 11"),
    ];

    private static readonly (Regex Cue, string Label)[] SubjectAccessCues =
    [
        (R(@"\bsubject\s+access\b"), "subject access"),
        (R(@"\bmy\s+(?:own\s+)?personal\s+(?:data|information)\b"), "my personal data"),
        (R(@"\b(?:all\s+)?(?:the\s+)?(?:information|data|records?|personal\s+data)\s+(?:that\s+)?(?:you|the\s+council|your\s+\w+)\s+(?:hold|holds|have|has|keep|keeps|store|stores)\s+(?:about|on|regarding|relating\s+to)\s+me\b"), "information held about me"),
        (R(@"\b(?:data|information|records?)\s+(?:held|kept|stored)\s+(?:about|on)\s+(?:me|myself)\b"), "data held about me"),
        (R(@"\b(?:article|art\.?)\s+15\b|\bright\s+of\s+access\b"), "UK GDPR Article 15"),
        (R(@"\bcop(?:y|ies)\s+of\s+(?:all\s+)?my\s+(?:own\s+)?(?:file|files|records?|case\s+notes|personal)"), "copy of my own records"),
    ];

    // Routine service requests: something to be done, not information to be given.
    private static readonly (Regex Cue, string Label)[] ServiceCues =
    [
        (R(@"\b(?:please|can\s+you|could\s+you|will\s+you)\s+(?:come\s+and\s+)?(?:fix|repair|mend|collect|empty|remove|clear|replace|sweep|cut|trim|send\s+someone)\b"), "asks for a service to be done"),
        (R(@"\bmy\s+(?:\w+\s+)?(?:bins?|recycling|rubbish|waste)\s+(?:was|were|has|have|is|are)\s*(?:not|n't)\b|\bbins?\s+(?:was|were|has|have)\s+not\s+been\s+(?:collected|emptied)|\bmissed\s+(?:bin\s+)?collection"), "missed bin collection"),
        (R(@"\bthere\s+is\s+a\s+(?:pothole|hole|leak|broken|dead|fallen)|\bpothole\s+(?:outside|on|in)\s+(?:my|our|the)\s+\w+|\boutside\s+(?:my|our)\s+(?:house|home|property|flat)"), "reports a local problem"),
        (R(@"\b(?:street\s*light|streetlight|lamp\s*post)\s+(?:is\s+)?(?:out|not\s+working|broken|flickering)"), "reports a faulty street light"),
        (R(@"\b(?:pay|paying)\s+my\s+(?:council\s+tax|bill|parking|fine)|\bbook\s+(?:a|an)\s+(?:appointment|collection|bulky)|\bchange\s+(?:of\s+)?my\s+address"), "routine account or booking"),
    ];

    // The text of another public body's officer asking colleagues (benchmarking) rather than a member of the public.
    private static readonly (Regex Cue, string Label)[] PeerCues =
    [
        (R(@"\bbenchmark(?:ing)?\b"), "benchmarking"),
        (R(@"\b(?:colleagues?|counterparts?)\s+(?:in|at|across)\s+(?:other\s+)?(?:councils|local\s+authorities|authorities|boroughs)"), "asks colleagues in other authorities"),
    ];

    // Case-sensitive on purpose: a council's name is capitalised, and one line only.
    private static readonly Regex CouncilName = Patterns.CaseSensitive(@"(?<name>(?:[A-Z][\w'’&-]*[ \t]+){1,4}Council)\b");

    private static readonly Regex OfficerTitle = R(@"\b(?:officer|manager|commissioner|director|head\s+of|lead|co-?ordinator|analyst|adviser|advisor)\b");

    // EIR reg. 2(1): elements of the environment, factors (emissions, noise, waste, energy), measures affecting them.
    private static readonly (Regex Cue, string Label)[] EnvironmentCues =
    [
        (R(@"\benvironmental\s+information\b"), "environmental information"),
        (R(@"(?<!workforce\s|financial\s|care\s|succession\s|business\s|event\s)\bplanning\s+(?:application|permission|consent|enforcement|committee|policy|officer|decision|condition|appeal|obligation)s?\b|\blocal\s+plan\b|\bsection\s+106\b"), "planning"),
        (R(@"\bpollut\w*\b"), "pollution"),
        (R(@"\bcontaminated\s+land\b"), "contaminated land"),
        (R(@"\b(?:land|soil)\s+(?:use|contamination|quality|drainage|ownership|disposal|sale|sales)\b|\bgreen\s*belt\b|\bbrownfield\b|\bgreenfield\b"), "land"),
        (R(@"\benergy\s+(?:use|usage|consumption|efficiency|generation|supply|sources?|costs?)\b|\brenewable\b|\bsolar\s+panels?\b|\bheat\s+pumps?\b"), "energy"),
        (R(@"\b(?:waste|recycling|landfill|fly-?tipping|incinerat\w*)\b"), "waste"),
        (R(@"\bair\s+quality\b|\bnitrogen\s+dioxide\b|\bno2\b|\bparticulate"), "air quality"),
        (R(@"\bemissions?\b|\bcarbon\b|\bgreenhouse\s+gas|\bnet\s+zero\b|\bclimate\b"), "emissions and climate"),
        (R(@"\bflood\w*\b|\bdrainage\b|\bsewage\b|\bwater\s+quality\b|\briver\b"), "flooding and water"),
        (R(@"\btrees?\b|\btree\s+preservation\b|\bhedgerows?\b|\bwoodland\b"), "trees"),
        (R(@"\bnoise\b"), "noise"),
        (R(@"\bbiodiversity\b|\bwildlife\b|\bhabitats?\b|\bpesticides?\b|\bherbicides?\b|\bglyphosate\b|\bverges?\b"), "biodiversity and pesticides"),
        (R(@"\benvironmental\s+information\s+regulations\b|\bEIR\b"), "names the EIR"),
    ];

    private static readonly Regex InformationAsked = R(
        @"\b(?:how\s+many|how\s+much|number\s+of|copy\s+of|copies\s+of|list\s+of|details\s+of|breakdown|total|what\s+(?:is|was|were|are)|which|whether|does\s+the|has\s+the|do\s+you\s+hold|information|data|records?|policy|policies)\b");

    private static readonly Regex FoiAct = R(@"\bfreedom\s+of\s+information\b|\bFOIA?\b");

    public static TriageProposal Propose(TriageInput input)
    {
        var fresh = ProposeFromText(input);
        var normalised = NormaliseForDuplicate(input.Text);
        return normalised.Length > 0 && input.EarlierNormalisedTexts.Contains(normalised, StringComparer.Ordinal) ? AsDuplicate(fresh) : fresh;
    }

    /// <summary>
    /// The proposal from the text alone, without looking for earlier requests. Intake runs this ahead of the
    /// database work and applies <see cref="AsDuplicate"/> once the requester's earlier requests are read.
    /// </summary>
    public static TriageProposal ProposeFromText(TriageInput input)
    {
        var text = input.Subject + "\n" + input.Text;
        var candidates = new List<(RequestRoute Route, List<string> Reasons)>();
        Add(candidates, RequestRoute.InternalReview, Matches(text, ReviewCues));
        Add(candidates, RequestRoute.SubjectAccess, Matches(text, SubjectAccessCues));

        var notFoi = Matches(text, ServiceCues);
        var split = input.Split ?? QuestionSplitter.Split(input.Text);
        var asksForInformation = split.Questions.Any(q => InformationAsked.IsMatch(q.Text));
        if (notFoi.Count > 0 && asksForInformation)
        {
            notFoi.Clear(); // "How many potholes were reported" is FOI even if it mentions potholes
        }

        notFoi.AddRange(PeerAuthorityCues(input, split));
        Add(candidates, RequestRoute.NotFoi, notFoi);

        Add(candidates, RequestRoute.Eir, Matches(text, EnvironmentCues));

        var foi = new List<string>();
        if (FoiAct.IsMatch(text))
        {
            foi.Add("mentions the Freedom of Information Act");
        }

        if (asksForInformation)
        {
            foi.Add("asks for recorded information");
        }

        candidates.Add((RequestRoute.Foi, foi.Count > 0 ? foi : [NoCues]));

        var first = candidates[0];
        return new TriageProposal
        {
            Route = first.Route,
            Reasons = first.Reasons,
            AlsoConsider = candidates.Skip(1).Where(c => c.Route != RequestRoute.Foi || foi.Count > 0).Select(c => c.Route).ToList(),
        };
    }

    /// <summary>
    /// A duplicate takes precedence over every other route; the route the text alone suggested is kept as the
    /// first to consider (unless it was FOI only for want of any other cue).
    /// </summary>
    public static TriageProposal AsDuplicate(TriageProposal fresh) => new()
    {
        Route = RequestRoute.Duplicate,
        Reasons = ["same text as an earlier request from this requester"],
        AlsoConsider = [.. (fresh.Route == RequestRoute.Foi && fresh.Reasons is [NoCues] ? [] : new[] { fresh.Route }), .. fresh.AlsoConsider],
    };

    private const string NoCues = "no other route's cues matched";

    /// <summary>The text compared for duplicates: WhatDoTheyKnow footer removed, lower case, punctuation and spacing gone.</summary>
    public static string NormaliseForDuplicate(string text) => QuestionSimilarity.Normalise(WdtkFooter.Strip(text).Text);

    private static void Add(List<(RequestRoute, List<string>)> candidates, RequestRoute route, List<string> reasons)
    {
        if (reasons.Count > 0)
        {
            candidates.Add((route, reasons));
        }
    }

    private static List<string> Matches(string text, (Regex Cue, string Label)[] cues) =>
        cues.Where(c => c.Cue.IsMatch(text)).Select(c => $"mentions {c.Label} ('{c.Cue.Match(text).Value.Trim()}')").ToList();

    /// <summary>
    /// The request is signed by an officer of another council than the one it is addressed to (seed 001:
    /// Bedford's commissioning officer writing to Northamptonshire), or sent from a .gov.uk address.
    /// </summary>
    private static List<string> PeerAuthorityCues(TriageInput input, SplitRequest split)
    {
        var reasons = Matches(input.Text, PeerCues);
        var addressed = CouncilName.Match(split.Preamble) is { Success: true } a ? Canonical(a.Groups["name"].Value) : null;
        var signature = split.Closing;
        if (OfficerTitle.IsMatch(signature) && CouncilName.Match(signature) is { Success: true } s && Canonical(s.Groups["name"].Value) is var signed
            && !string.Equals(signed, addressed, StringComparison.Ordinal))
        {
            reasons.Add($"signed by an officer of another authority ('{s.Groups["name"].Value.Trim()}')");
        }

        if (input.FromAddress is { } from && from.Trim().TrimEnd('>').EndsWith(".gov.uk", StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"sent from a public sector address ('{from.Trim()}')");
        }

        return reasons;
    }

    private static readonly Regex AddressedTo = R(@"^(?:Dear|To|FAO)\s+");

    private static string Canonical(string councilName) => QuestionSimilarity.Normalise(AddressedTo.Replace(councilName, ""));
}
