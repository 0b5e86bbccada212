using System.Text.RegularExpressions;
using FoiDesk.Questions;

namespace FoiDesk.Intake;

/// <summary>What kind of message arrived in reply.</summary>
public enum ReplyKind
{
    /// <summary>A person wrote it: route it to the case.</summary>
    Ordinary,

    /// <summary>Out-of-office or other automatic reply: file it, do not treat it as the authority's response.</summary>
    AutoReply,

    /// <summary>Permanent delivery failure: the message did not reach the failed recipients.</summary>
    Bounce,

    /// <summary>Delivery delayed or temporarily failed; the sending server is still trying.</summary>
    DeliveryDelay,
}

/// <summary>A classification with the cues that produced it, so an officer can see why.</summary>
public sealed record ReplyClassification
{
    public required ReplyKind Kind { get; init; }

    /// <summary>Recipients the report says failed permanently (lower case), when it names them.</summary>
    public required IReadOnlyList<string> FailedRecipients { get; init; }

    /// <summary>Human-readable cues: "Auto-Submitted: auto-replied", "subject 'Out of Office'"...</summary>
    public required IReadOnlyList<string> Cues { get; init; }

    /// <summary>
    /// RFC 3834 s2: do not send an automatic response to this message (it is itself automatic, bulk, or has an
    /// empty Return-Path).
    /// </summary>
    public required bool SuppressAutoResponse { get; init; }
}

/// <summary>
/// Tells automatic replies and delivery reports from mail a person wrote, from headers and text alone
/// (as Alaveteli's handle-mail-replies does for WhatDoTheyKnow).
/// </summary>
public static class ReplyClassifier
{
    private static Regex R(string pattern) => Patterns.IgnoreCase(pattern);

    private static readonly Regex OutOfOfficeSubject = R(
        @"\bout\s+of\s+(?:the\s+)?office\b|^automatic\s+(?:reply|response)\b|\bauto[-\s]?(?:reply|response|responder)\b|^auto:|\bautoreply\b|\babwesenheitsnotiz\b|\bi\s+am\s+(?:away|out\s+of|on\s+leave)\b|\bis\s+out\s+of\s+the\s+office\b|\baway\s+from\s+(?:the|my)\s+(?:office|desk)\b|\bon\s+(?:annual\s+)?leave\b|\babsence\s+(?:notice|notification)\b|^r[ée]ponse\s+automatique|^respuesta\s+autom[aá]tica|^risposta\s+automatica|^automatisch(?:e)?\s+antwoord|^automatische\s+antwort");

    private static readonly Regex BounceSubject = R(
        @"^(?:mail\s+delivery\s+failed|undeliverable|undelivered\s+mail|returned\s+mail|delivery\s+status\s+notification|delivery\s+(?:failure|has\s+failed|notification)|failure\s+notice|non[-\s]?delivery|message\s+not\s+delivered|warning:\s+message|delayed\s+mail|mail\s+system\s+error)");

    private static readonly Regex BounceSender = R(@"mailer-daemon|mail\s+delivery\s+(?:subsystem|system)|^(?:.*<)?postmaster@|webshield\s+smtp|^(?:.*<)?mail\.?daemon@");

    private static readonly Regex DelayText = R(
        @"has\s+not\s+yet\s+been\s+delivered|delivery\s+(?:has\s+been\s+)?delayed|will\s+(?:continue|keep)\s+(?:trying|to\s+try)|this\s+is\s+a\s+warning\s+message\s+only|you\s+do\s+not\s+need\s+to\s+resend|\(delay\)");

    // Lines after which the failed addresses are listed, in the MTAs councils' mail passes through.
    private static readonly Regex FailedListHeading = R(
        @"the\s+following\s+address\(es\)\s+failed|-{2,}\s*failed\s+recipients\s*-{2,}|delivery\s+to\s+the\s+following\s+recipients?\s+failed|delivery\s+has\s+failed\s+to\s+these\s+recipients|could\s+not\s+be\s+delivered\s+to\s+(?:one\s+or\s+more\s+of\s+)?(?:the\s+following|its)\s+recipients|was\s+not\s+delivered\s+to:|your\s+message\s+(?:did\s+not|could\s+not|wasn't|couldn't)\s+(?:reach|be\s+delivered)|permanent\s+fatal\s+errors|i'm\s+sorry\s+to\s+have\s+to\s+inform\s+you");

    // Where a bounce starts quoting the original message: addresses after this are not failures.
    private static readonly Regex OriginalCopy = R(
        @"this\s+is\s+a\s+copy\s+of\s+the\s+message|contents\s+of\s+the\s+undelivered\s+mail|original\s+message\s+follows|a\s+copy\s+of\s+the\s+e-?mail|^-{2,}\s*original\s+message|^received:\s|^return-path:");

    private static readonly Regex Address = R(@"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+");

    private static readonly Regex DsnRecipient = R(@"^(?:final|original)-recipient:\s*rfc822;\s*(?<addr>\S+)");
    private static readonly Regex DsnStatus = R(@"^status:\s*(?<code>[245])\.\d{1,3}\.\d{1,3}");
    private static readonly Regex DsnAction = R(@"^action:\s*(?<action>\w+)");

    public static ReplyClassification Classify(MessageTraits message)
    {
        var cues = new List<string>();
        var suppress = SuppressAutoResponse(message, cues);

        var bounce = ClassifyBounce(message, cues);
        if (bounce is not null)
        {
            return bounce with { SuppressAutoResponse = true };
        }

        var auto = AutoReplyCues(message);
        cues.AddRange(auto);
        return new ReplyClassification
        {
            Kind = auto.Count > 0 ? ReplyKind.AutoReply : ReplyKind.Ordinary,
            FailedRecipients = [],
            Cues = cues.Distinct(StringComparer.Ordinal).ToList(),
            SuppressAutoResponse = suppress || auto.Count > 0,
        };
    }

    /// <summary>RFC 3834 s2 and RFC 5321 s4.5.5: automatic, bulk and null-sender mail gets no automatic response.</summary>
    private static bool SuppressAutoResponse(MessageTraits m, List<string> cues)
    {
        var suppress = false;
        if (m.Header("Auto-Submitted") is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            suppress = true;
        }

        if (m.Header("Return-Path") is { } rp && rp.Replace(" ", "", StringComparison.Ordinal) == "<>")
        {
            cues.Add("empty Return-Path <>");
            suppress = true;
        }

        if (m.Header("Precedence") is { } p && p.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            suppress = true;
        }

        return suppress;
    }

    private static List<string> AutoReplyCues(MessageTraits m)
    {
        var cues = new List<string>();
        if (m.Header("Auto-Submitted") is { } a && !a.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            cues.Add($"Auto-Submitted: {a.Trim()}");
        }

        foreach (var name in new[] { "X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-MS-Exchange-Generated-Message-Source", "X-MS-Exchange-Inbox-Rules-Loop" })
        {
            if (m.HasHeader(name))
            {
                cues.Add($"{name} header");
            }
        }

        // Novell/Mailtraq-style message class 9 is "Autoresponder".
        if (m.Header("X-POST-MessageClass") is { } mc && mc.Contains("autoresponder", StringComparison.OrdinalIgnoreCase))
        {
            cues.Add($"X-POST-MessageClass: {mc.Trim()}");
        }

        if (m.Header("Precedence") is { } p && p.Trim().ToLowerInvariant() is "auto_reply" or "bulk" or "junk")
        {
            cues.Add($"Precedence: {p.Trim()}");
        }

        if (m.Header("Return-Path") is { } rp && rp.Replace(" ", "", StringComparison.Ordinal) == "<>")
        {
            cues.Add("empty Return-Path <>");
        }

        if (OutOfOfficeSubject.IsMatch(m.Subject))
        {
            cues.Add($"subject '{m.Subject.Trim()}'");
        }

        // X-Auto-Response-Suppress is set by Outlook on ordinary mail too: it is deliberately not a cue.
        return cues;
    }

    private static ReplyClassification? ClassifyBounce(MessageTraits m, List<string> cues)
    {
        var found = new List<string>();
        var isReport = m.ContentType.Contains("report-type=delivery-status", StringComparison.OrdinalIgnoreCase)
            || m.PartContentTypes.Any(t => t.StartsWith("message/delivery-status", StringComparison.OrdinalIgnoreCase)
                || t.Contains("report-type=delivery-status", StringComparison.OrdinalIgnoreCase))
            || m.DeliveryStatus.Length > 0;
        if (isReport)
        {
            found.Add("delivery-status report (RFC 3464)");
            var (failed, delayed) = ReadDeliveryStatus(m.DeliveryStatus);
            if (failed.Count > 0)
            {
                return Result(ReplyKind.Bounce, failed, cues, found);
            }

            if (delayed || DelayText.IsMatch(m.TextBody) || DelayText.IsMatch(m.Subject))
            {
                return Result(ReplyKind.DeliveryDelay, [], cues, found);
            }

            return Result(ReplyKind.Bounce, FailedFromText(m.TextBody), cues, found);
        }

        if (m.Header("X-Failed-Recipients") is { } xfr)
        {
            found.Add("X-Failed-Recipients header");
            var listed = Address.Matches(xfr).Select(a => a.Value.ToLowerInvariant()).ToList();
            return Result(ReplyKind.Bounce, listed.Count > 0 ? listed : FailedFromText(m.TextBody), cues, found);
        }

        var from = m.Header("From") ?? "";
        var senderCue = BounceSender.IsMatch(from);
        var subjectCue = BounceSubject.IsMatch(m.Subject.Trim());
        var textCue = FailedListHeading.IsMatch(m.TextBody);
        if (senderCue)
        {
            found.Add($"bounce sender '{from.Trim()}'");
        }

        if (subjectCue)
        {
            found.Add($"bounce subject '{m.Subject.Trim()}'");
        }

        if (textCue)
        {
            found.Add("failed-recipient list in the text");
        }

        // A sender or subject alone can be a person writing about a bounce; two cues make it a report.
        if ((senderCue ? 1 : 0) + (subjectCue ? 1 : 0) + (textCue ? 1 : 0) < 2)
        {
            return null;
        }

        if (!textCue && (DelayText.IsMatch(m.TextBody) || DelayText.IsMatch(m.Subject)))
        {
            return Result(ReplyKind.DeliveryDelay, [], cues, found);
        }

        return Result(ReplyKind.Bounce, FailedFromText(m.TextBody), cues, found);
    }

    private static ReplyClassification Result(ReplyKind kind, IReadOnlyList<string> failed, List<string> cues, List<string> found) => new()
    {
        Kind = kind,
        FailedRecipients = failed.Distinct(StringComparer.Ordinal).ToList(),
        Cues = [.. cues, .. found],
        SuppressAutoResponse = true,
    };

    /// <summary>Per-recipient groups of an RFC 3464 report: 5.x.x status or Action: failed is permanent.</summary>
    private static (List<string> Failed, bool Delayed) ReadDeliveryStatus(string status)
    {
        var failed = new List<string>();
        var delayed = false;
        string? recipient = null;
        string? code = null;
        string? action = null;

        void Close()
        {
            if (recipient is not null && (code == "5" || action == "failed"))
            {
                failed.Add(recipient.ToLowerInvariant());
            }

            delayed |= code == "4" || action == "delayed";
            recipient = code = action = null;
        }

        foreach (var raw in status.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Close();
                continue;
            }

            if (DsnRecipient.Match(line) is { Success: true } r && (recipient is null || line.StartsWith("final", StringComparison.OrdinalIgnoreCase)))
            {
                recipient = r.Groups["addr"].Value.Trim('<', '>');
            }
            else if (DsnStatus.Match(line) is { Success: true } s)
            {
                code = s.Groups["code"].Value;
            }
            else if (DsnAction.Match(line) is { Success: true } a)
            {
                action = a.Groups["action"].Value.ToLowerInvariant();
            }
        }

        Close();
        return (failed, delayed);
    }

    /// <summary>Addresses listed under a failure heading, up to where the bounce starts quoting the original.</summary>
    private static List<string> FailedFromText(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!FailedListHeading.IsMatch(lines[i]))
            {
                continue;
            }

            for (var j = i + 1; j < Math.Min(lines.Length, i + 25); j++)
            {
                if (OriginalCopy.IsMatch(lines[j].Trim()))
                {
                    break;
                }

                foreach (Match a in Address.Matches(lines[j]))
                {
                    result.Add(a.Value.ToLowerInvariant());
                }
            }

            if (result.Count > 0)
            {
                break;
            }
        }

        return result;
    }
}
