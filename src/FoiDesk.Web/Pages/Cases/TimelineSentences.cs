using System.Globalization;
using System.Text.Json;
using FoiDesk.Cases;

namespace FoiDesk.Web.Pages.Cases;

/// <summary>One line of a case's timeline as a person reads it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Sentence);

/// <summary>
/// A case's timeline in sentences ("Questions 1-3 assigned to Children and families commissioning by Sam
/// Officer"), not the JSON the events are stored with. Runs of assignments by one person to one team become one
/// line. Every kind the code writes has its sentence; an unknown kind still reads as words, never as JSON.
/// </summary>
public static class TimelineSentences
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <param name="names">Display names by email (the actor of a person's change is their email).</param>
    /// <param name="people">Display names by account id (named commissioners).</param>
    public static IReadOnlyList<TimelineEntry> For(IReadOnlyList<CaseEventRow> events, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<long, string> people)
    {
        var entries = new List<TimelineEntry>();
        var grouped = new HashSet<int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (grouped.Contains(i))
            {
                continue;
            }

            var e = events[i];
            if (e.Kind == "question-assigned")
            {
                // A run: the same person giving questions to the same team (and person) one after another. What
                // others did meanwhile (the outbox sending the acknowledgement) keeps its own line.
                var first = Parse(e.Detail);
                var numbers = new List<string> { Text(first, "question") };
                var last = e.At;
                for (var j = i + 1; j < events.Count; j++)
                {
                    if (events[j].Actor != e.Actor)
                    {
                        continue;
                    }

                    if (events[j].Kind != "question-assigned" || !SameAssignment(first, Parse(events[j].Detail)))
                    {
                        break;
                    }

                    grouped.Add(j);
                    numbers.Add(Text(Parse(events[j].Detail), "question"));
                    last = events[j].At;
                }

                var to = Text(first, "team");
                if (Long(first, "assigneeId") is { } person)
                {
                    to += $" for {people.GetValueOrDefault(person, "a named commissioner")}";
                }

                entries.Add(new TimelineEntry(last, $"{Questions(numbers)} assigned to {to}{By(e.Actor, names)}"));
                continue;
            }

            entries.Add(new TimelineEntry(e.At, Sentence(e, names)));
        }

        return entries;
    }

    /// <summary>The sentence for one event.</summary>
    public static string Sentence(CaseEventRow e, IReadOnlyDictionary<string, string> names)
    {
        var d = Parse(e.Detail);
        var by = By(e.Actor, names);
        var q = Text(d, "question");
        return e.Kind switch
        {
            "opened" => $"Case opened from the request, with {Count(Long(d, "questions") ?? 0, "question")} found{(Text(d, "proposed") is { Length: > 0 } p ? $"; proposed as {Classification(p)}" : "")}{by}",
            "opened-from-holding-pen" => $"Case opened from a message in the holding pen{by}",
            "mail-attached" => $"A message from the holding pen attached to this case{by}",
            "classification-confirmed" => $"Confirmed as {Classification(Text(d, "to"))}{by}; the case is now {Text(d, "status")}",
            "requester-changed" => $"Requester's {List([.. new[] { ("name", "name"), ("email", "email address"), ("replyTo", "reply address") }.Where(f => Bool(d, f.Item1)).Select(f => f.Item2)], "details")} corrected{by}",
            "duplicate-linked" => $"Linked as a duplicate of {Text(d, "of")}{by}",
            "question-assigned" => $"Question {q} assigned to {Text(d, "team")}{by}",
            "question-claimed" => $"Question {q} claimed{by}",
            // Two writers: a commissioner handing a question back (question), an approver returning an answer (number).
            "question-returned" when d.TryGetProperty("number", out _) => $"Answer to question {Text(d, "number")} returned to its commissioner{by}: {Text(d, "reason")}",
            "question-returned" => $"Question {q} handed back{by}: {Text(d, "reason")}",
            "question-edited" => $"Text of question {q} edited{by}",
            "question-split" => $"Question {q} split into {List(Texts(d, "into"), "two")}{by}",
            "questions-merged" => $"Questions {q} and {Text(d, "with")} merged{by}",
            "questions-renumbered" => $"Questions renumbered 1 to {Long(d, "count") ?? 0}{by}",
            "clock-event" => $"Clock: {Text(d, "name").Replace('_', ' ')} on {Date(Text(d, "date"))}{(Text(d, "note") is { Length: > 0 } note ? $" ({note})" : "")}{by}",
            "answer-attachment" => $"{Text(d, "file")} ({Size(Long(d, "size") ?? 0)}) attached to the answer to question {q}{by}",
            "social-value-inserted" => $"Social value figures from the monitoring data inserted into the answer to question {q}{by}",
            "answer-drafted" => $"Draft answer to question {q} saved{AnswerKind(d)}{by}",
            "answer-submitted" => $"Answer to question {q} submitted for approval{AnswerKind(d)}{by}",
            "approved" => $"Reply approved ({Count(Long(d, "questions") ?? 0, "question")}){by}",
            "letter-language-chosen" => $"Letters to be written in {Language(Text(d, "language"))}{by}",
            "safety-override" => $"Safety check overridden to send the {Letter(Text(d, "letter"))}{by}: {Text(d, "reason")}",
            "received-corrected" => $"Received date corrected from {Date(Text(d, "from"))} to {Date(Text(d, "to"))}{by}: {Text(d, "reason")}{Moved(d)}",
            "deadlines-recomputed" => $"Deadlines recomputed: {Text(d, "reason")}{Moved(d)}",
            "reply-undelivered" => $"The {Letter(Text(d, "letter"))} could not be delivered to {List(Texts(d, "failed"), "the requester")}",
            "follow-up" => $"Follow-up message from {Text(d, "from")}: {Text(d, "subject")}",
            "letter-queued" => $"{Capital(Letter(Text(d, "letter")))} queued for sending{by}",
            "letter-sent" => $"{Capital(Letter(Text(d, "letter")))} sent",
            "letter-failed" => $"{Capital(Letter(Text(d, "letter")))} could not be sent: {Text(d, "error")}",
            "published" => "Published in the disclosure log",
            "publication-failed" => $"Not published in the disclosure log: {Text(d, "reason")}",
            "unpublished" => "Withdrawn from the disclosure log",
            "publication-chosen" => Bool(d, "publish") ? $"Chosen for the disclosure log{by}" : $"Taken off the disclosure log{by}",
            "cost-estimated" => $"Cost estimate recorded: {Text(d, "hours")} hours{by}",
            "aggregation-decided" => $"{(Bool(d, "aggregate") ? "Aggregated" : "Not aggregated")} with {Text(d, "other")} for the cost limit{by}: {Text(d, "reason")}",
            "repeat-request-decided" => $"{(Bool(d, "repeated") ? "Treated" : "Not treated")} as a repeat of {Text(d, "earlier")}{by}: {Text(d, "reason")}",
            "ico-complaint-received" => $"ICO complaint {Text(d, "icoReference")} received on {Date(Text(d, "receivedOn"))}, response due {Date(Text(d, "responseDueOn"))}{by}",
            "ico-submissions-sent" => $"Submissions sent to the ICO on {Date(Text(d, "submittedOn"))}{by}",
            "ico-complaint-decided" => $"ICO complaint decided on {Date(Text(d, "decidedOn"))}: {Text(d, "outcome").Replace('-', ' ')}{by}",
            "ico-tribunal-decided" => $"Tribunal decided on {Date(Text(d, "decidedOn"))}{by}",
            _ => $"{Capital(e.Kind.Replace('-', ' '))}{by}",
        };
    }

    /// <summary>"Question 4", "Questions 1-3" (consecutive), or "Questions 1, 3 and 5a".</summary>
    public static string Questions(IReadOnlyList<string> numbers)
    {
        if (numbers.Count == 1)
        {
            return $"Question {numbers[0]}";
        }

        var ints = numbers.Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null).ToList();
        if (ints.All(v => v is not null) && ints.Zip(ints.Skip(1)).All(p => p.Second == p.First + 1))
        {
            return $"Questions {numbers[0]}-{numbers[^1]}";
        }

        return $"Questions {List(numbers, "")}";
    }

    private static bool SameAssignment(JsonElement a, JsonElement b) =>
        Text(a, "team") == Text(b, "team") && Long(a, "assigneeId") == Long(b, "assigneeId");

    /// <summary>" by Sam Officer" for a person (their display name when known); nothing for the system's own jobs.</summary>
    private static string By(string actor, IReadOnlyDictionary<string, string> names) =>
        actor.Contains('@', StringComparison.Ordinal) ? $" by {names.GetValueOrDefault(actor, actor)}" : "";

    private static JsonElement Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Text(JsonElement d, string name) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => "",
        } : "";

    private static List<string> Texts(JsonElement d, string name) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : x.GetRawText())]
            : [];

    private static long? Long(JsonElement d, string name) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static bool Bool(JsonElement d, string name) =>
        d.ValueKind == JsonValueKind.Object && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string List(IReadOnlyList<string> items, string empty) => items.Count switch
    {
        0 => empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Date(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.Long() : iso;

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MB"
        : $"{Math.Max(1, (bytes + 1023) / 1024)} KB";

    private static string AnswerKind(JsonElement d) => Text(d, "answerKind") switch
    {
        "not-held" => " (not held)",
        "exempt" when Text(d, "exemption") is { Length: > 0 } code => $" (exempt: {code})",
        "exempt" => " (exempt)",
        _ => "",
    };

    private static string Moved(JsonElement d)
    {
        if (d.ValueKind != JsonValueKind.Object || !d.TryGetProperty("moved", out var moved) || moved.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var lines = moved.EnumerateArray().Select(m => $"{Text(m, "date").Replace('_', ' ')} now {Date(Text(m, "to"))}").ToList();
        return lines.Count == 0 ? "" : $"; {List(lines, "")}";
    }

    private static string Classification(string key) => key switch
    {
        "foi" => "Freedom of Information (FOIA)",
        "eir" => "Environmental Information Regulations",
        "foisa" => "FOI (Scotland) Act",
        "sar" => "a subject access request",
        "review" => "an internal review",
        "not-foi" => "not an FOI request",
        "duplicate" => "a duplicate",
        _ => key,
    };

    private static string Language(string key) => key switch
    {
        "en" or "english" => "English",
        "cy" or "welsh" => "Welsh",
        "bilingual" or "cy-en" => "Welsh and English",
        _ => key,
    };

    private static string Letter(string id) => id switch
    {
        "" => "letter",
        "not-held" => "not held letter",
        "not-foi" => "not an FOI request letter",
        _ => $"{id.Replace('-', ' ')} letter",
    };
}
