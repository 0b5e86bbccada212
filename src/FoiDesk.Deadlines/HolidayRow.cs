namespace FoiDesk.Deadlines;

/// <summary>
/// One bank holiday in one division: a row of GOV.UK's feed, or a day an admin added from a Royal Proclamation
/// before GOV.UK listed it (the 2026 World Cup day reached GOV.UK three weeks after the proclamation).
/// </summary>
/// <param name="Date">The day itself (a substitute day is listed at the substitute date).</param>
/// <param name="Title">Display only: GOV.UK titles change and are localised; never key on them.</param>
/// <param name="Division">The part of the UK where it is a bank holiday.</param>
/// <param name="Source">Provenance: <see cref="GovUkSource"/>, or the admin's note (e.g. the Gazette notice).</param>
public sealed record HolidayRow(DateOnly Date, string Title, Division Division, string Source = HolidayRow.GovUkSource)
{
    public const string GovUkSource = "gov.uk";
}
