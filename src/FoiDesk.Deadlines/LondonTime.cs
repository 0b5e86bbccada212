namespace FoiDesk;

/// <summary>
/// The UK time zone every statutory date is read in (FOIA s10(6): "the day on which the public authority
/// receives the request" is a Europe/London calendar date, whatever the hour).
/// </summary>
public static class LondonTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
