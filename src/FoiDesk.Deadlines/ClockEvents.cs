using System.Globalization;

namespace FoiDesk.Deadlines;

/// <summary>A case's events after validation: known, allowed for the regime, not before receipt, and paired in order.</summary>
internal sealed class ClockEvents
{
    private readonly List<ClockEvent> _ordered;

    private ClockEvents(List<ClockEvent> ordered, List<Interval> clarifications, List<Interval> fees)
    {
        _ordered = ordered;
        Clarifications = clarifications;
        Fees = fees;
    }

    /// <summary>clarification_sent .. clarification_received pairs; only the last may still be open.</summary>
    public IReadOnlyList<Interval> Clarifications { get; }

    /// <summary>fees_notice_sent .. fee_received pairs; only the last may still be open.</summary>
    public IReadOnlyList<Interval> Fees { get; }

    public IEnumerable<DateOnly> All(string name) => _ordered.Where(e => e.Name == name).Select(e => e.Date);

    public DateOnly? Single(string name) => _ordered.FirstOrDefault(e => e.Name == name)?.Date;

    public static ClockEvents Validate(Regime regime, DateOnly receipt, IReadOnlyList<ClockEvent> events)
    {
        var allowed = ClockEventNames.AllowedFor(regime);
        foreach (var e in events)
        {
            if (!ClockEventNames.All.Contains(e.Name, StringComparer.Ordinal))
            {
                throw new DeadlineInputException(
                    $"unknown event '{e.Name}' (expected one of: {string.Join(", ", ClockEventNames.All)})");
            }

            if (!allowed.Contains(e.Name, StringComparer.Ordinal))
            {
                throw new DeadlineInputException(
                    $"event '{e.Name}' does not apply to {regime.Key()} (it accepts: {string.Join(", ", allowed)})");
            }

            if (e.Date < receipt)
            {
                throw new DeadlineInputException(
                    $"event {e.Name} on {Iso(e.Date)} is before the date of receipt {Iso(receipt)}");
            }
        }

        foreach (var once in new[] { ClockEventNames.PitNoticeSent, ClockEventNames.ExtensionNoticeSent, ClockEventNames.ResponseSent })
        {
            if (events.Count(e => e.Name == once) > 1)
            {
                throw new DeadlineInputException($"event {once} is given more than once");
            }
        }

        // Stable sort: on one date, a "sent" event comes before its "received" event.
        var ordered = events
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Date)
            .ThenBy(x => x.e.Name is ClockEventNames.ClarificationReceived or ClockEventNames.FeeReceived ? 1 : 0)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();

        var clarifications = Pair(ordered, ClockEventNames.ClarificationSent, ClockEventNames.ClarificationReceived);

        // Subject access has no fees notice: a fee received simply restarts the clock (rule book D1).
        var fees = regime == Regime.Sar ? [] : Pair(ordered, ClockEventNames.FeesNoticeSent, ClockEventNames.FeeReceived);

        var response = ordered.FirstOrDefault(e => e.Name == ClockEventNames.ResponseSent);
        if (response is not null)
        {
            var after = ordered.FirstOrDefault(e => e.Date > response.Date && e.Name != ClockEventNames.ResponseSent);
            if (after is not null)
            {
                throw new DeadlineInputException(
                    $"event {after.Name} on {Iso(after.Date)} is after response_sent on {Iso(response.Date)}");
            }
        }

        return new ClockEvents(ordered, clarifications, fees);
    }

    private static List<Interval> Pair(List<ClockEvent> ordered, string start, string end)
    {
        var pairs = new List<Interval>();
        DateOnly? open = null;
        foreach (var e in ordered)
        {
            if (e.Name == start)
            {
                if (open is { } o)
                {
                    throw new DeadlineInputException(
                        $"event {start} on {Iso(e.Date)} comes while the {start} of {Iso(o)} has no {end} yet");
                }

                open = e.Date;
            }
            else if (e.Name == end)
            {
                if (open is not { } o)
                {
                    throw new DeadlineInputException($"event {end} on {Iso(e.Date)} has no {start} on or before it");
                }

                pairs.Add(new Interval(o, e.Date));
                open = null;
            }
        }

        if (open is { } last)
        {
            pairs.Add(new Interval(last, null));
        }

        return pairs;
    }

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A pause or a clarification round: started, and ended (null while still open).</summary>
internal readonly record struct Interval(DateOnly Start, DateOnly? End);
