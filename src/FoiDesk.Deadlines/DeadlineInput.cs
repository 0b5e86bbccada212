using System.Globalization;

namespace FoiDesk.Deadlines;

/// <summary>Parses the text forms of the engine's inputs (CLI, imports). Every failure is a <see cref="DeadlineInputException"/>.</summary>
public static class DeadlineInput
{
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
    ];

    /// <summary>
    /// An ISO 8601 instant with an explicit offset (+01:00, -05:00 or Z). Without one the Europe/London date is
    /// ambiguous (and in October 01:00-02:00 local time happens twice), so it is rejected (rule book R3).
    /// </summary>
    public static DateTimeOffset ParseInstant(string text)
    {
        var normalised = text.EndsWith('Z') || text.EndsWith('z') ? text[..^1] + "+00:00" : text;
        if (DateTimeOffset.TryParseExact(normalised, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        throw new DeadlineInputException(
            $"'{text}' is not an instant with an explicit offset: give e.g. 2025-06-06T23:30:00+01:00 or 2025-06-06T22:30:00Z");
    }

    /// <summary>A date, YYYY-MM-DD.</summary>
    public static DateOnly ParseDate(string text, string what) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DeadlineInputException($"{what}: '{text}' is not a date (YYYY-MM-DD)");

    /// <summary>An event as NAME:YYYY-MM-DD, e.g. clarification_received:2025-06-20.</summary>
    public static ClockEvent ParseEvent(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new DeadlineInputException($"event '{text}' is not NAME:YYYY-MM-DD");
        }

        var name = text[..colon];
        if (!ClockEventNames.All.Contains(name, StringComparer.Ordinal))
        {
            throw new DeadlineInputException($"unknown event '{name}' (expected one of: {string.Join(", ", ClockEventNames.All)})");
        }

        return new ClockEvent(name, ParseDate(text[(colon + 1)..], $"event {name}"));
    }

    /// <summary>A subject access calendar: england-and-wales, scotland or northern-ireland.</summary>
    public static CalendarId ParseSarCalendar(string text) =>
        CalendarIds.TryParse(text, out var id) && id != CalendarId.Uk
            ? id
            : throw new DeadlineInputException($"unknown calendar '{text}' (expected england-and-wales, scotland or northern-ireland)");
}
