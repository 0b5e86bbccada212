using FoiDesk.Mail;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>
/// What intake learns from one message without the database: the parse, the reply classification, and the
/// request read from it. It is worked out ahead of storage (in parallel with storing the messages before
/// it); storage then decides the route, in arrival order, with what the database knows.
/// </summary>
public sealed class MessageAnalysis : IDisposable
{
    public required SourceMessage Message { get; init; }

    /// <summary>SHA-256 of the raw bytes, lower-case hex: stored with them so a resent copy is recognised.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Null when the message could not be parsed (<see cref="ParseError"/> says why); it is kept raw.</summary>
    public ReadMail? Parsed { get; init; }

    public string? ParseError { get; init; }

    public MessageTraits? Traits { get; init; }

    public ReplyClassification? Reply { get; init; }

    /// <summary>Our case reference found in the subject, upper-cased.</summary>
    public string? SubjectReference { get; init; }

    /// <summary>In-Reply-To and References: a reply to one of our letters names it here.</summary>
    public IReadOnlyList<string> ThreadIds { get; init; } = [];

    /// <summary>A WhatDoTheyKnow-style request address in Reply-To or From.</summary>
    public RequestAddressMatch? HeaderRequestAddress { get; init; }

    /// <summary>The message read as a new request; null when it cannot be one (<see cref="ReadError"/> says why).</summary>
    public DraftRequest? Request { get; init; }

    /// <summary>Why the message could not be classified or read as a request (a text rule gave up, say): it is held for an officer.</summary>
    public string? ReadError { get; init; }

    public void Dispose() => Parsed?.Dispose();
}

/// <summary>A message's text read as a new request: body, questions, and the proposed route from the text alone.</summary>
public sealed record DraftRequest
{
    /// <summary>The request as written: footer stripped, quoted history folded away, trimmed.</summary>
    public required string Body { get; init; }

    /// <summary>The request address from headers, else from WhatDoTheyKnow's footer.</summary>
    public RequestAddressMatch? RequestAddress { get; init; }

    public required SplitRequest Split { get; init; }

    /// <summary><see cref="RouteProposer.ProposeFromText"/>: storage applies <see cref="RouteProposer.AsDuplicate"/> if the requester sent it before.</summary>
    public required TriageProposal Proposal { get; init; }

    /// <summary><see cref="RouteProposer.NormaliseForDuplicate"/> of <see cref="Body"/>.</summary>
    public required string NormalisedBody { get; init; }

    /// <summary>Each question's <see cref="QuestionSimilarity.Normalise"/>, in order: the fingerprint for similar-request search.</summary>
    public required IReadOnlyList<string> Fingerprints { get; init; }
}
