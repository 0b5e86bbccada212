using FoiDesk.Deadlines;

namespace FoiDesk.Tests.Deadlines;

/// <summary>
/// Expected dates counted by hand from the rule book (docs/deadlines.md) against the 2022–2028 GOV.UK tables.
/// Regime "sar/scotland" means subject access on the Scotland calendar. Events are "name:date" separated by ";".
/// </summary>
public sealed class DeadlineTableTests
{
    // ---- FOIA s10(1): 20 WD, UK calendar (any nation's bank holiday), day 0 never counted ----
    [TestCase("foia", "2025-06-06T12:00:00+01:00", "", "response_due", "2025-07-04")] // rule book 2.2 smoke test: Fri -> Fri four weeks on, no holidays
    [TestCase("foia", "2025-06-07T10:00:00+01:00", "", "response_due", "2025-07-04")] // R2: received Saturday, day 1 is Monday: same as the Friday before
    [TestCase("foia", "2025-06-08T10:00:00+01:00", "", "response_due", "2025-07-04")] // R2: received Sunday
    [TestCase("foia", "2025-06-06T23:30:00+01:00", "", "response_due", "2025-07-04")] // 8.2: 23:30 on a Friday is still Friday; no cut-off
    [TestCase("foia", "2025-06-04T19:30:00-04:00", "", "response_due", "2025-07-03")] // R3: 23:30Z Wed = 00:30 BST Thu 5 Jun; receipt Thursday
    [TestCase("foia", "2023-11-27T09:00:00Z", "", "response_due", "2023-12-28")] // 10.3 MoJ worked case: Mon 27 Nov 2023 -> Thu 28 Dec (St Andrew's 30 Nov, 25-26 Dec skipped)
    [TestCase("foia", "2025-01-09T23:59:59Z", "", "response_due", "2025-02-06")] // R3: in winter London = UTC, 23:59:59 is still Thursday
    // Easter: Good Friday and Easter Monday are non-working under FOIA
    [TestCase("foia", "2025-04-01T10:00:00+01:00", "", "response_due", "2025-05-01")] // Good Fri 18 Apr + Easter Mon 21 Apr skipped
    [TestCase("foia", "2024-03-01T10:00:00Z", "", "response_due", "2024-04-03")] // St Patrick's substitute Mon 18 Mar (NI), Good Fri 29 Mar, Easter Mon 1 Apr
    // Christmas and New Year, with substitute days
    [TestCase("foia", "2025-12-15T10:00:00Z", "", "response_due", "2026-01-16")] // 25, 26 Dec, 1 Jan, 2 Jan (Scotland only, still UK-wide for FOIA)
    [TestCase("foia", "2022-12-16T10:00:00Z", "", "response_due", "2023-01-19")] // 2022: Boxing Mon 26, Christmas substitute Tue 27; 2023: New Year sub Mon 2, 2nd Jan sub Tue 3 (Scotland)
    [TestCase("foia", "2026-12-18T10:00:00Z", "", "response_due", "2027-01-21")] // 2026: Boxing substitute Mon 28 Dec; 2027: 1 Jan, 2nd Jan substitute Mon 4 Jan (Scotland)
    [TestCase("foia", "2027-12-17T10:00:00Z", "", "response_due", "2028-01-20")] // 2027: Christmas sub Mon 27, Boxing sub Tue 28; 2028: New Year sub Mon 3, 2nd Jan sub Tue 4
    [TestCase("foia", "2024-12-16T10:00:00Z", "", "response_due", "2025-01-17")] // 25, 26 Dec 2024, 1, 2 Jan 2025
    // Scotland-only days are non-working for every FOIA authority (s10(6))
    [TestCase("foia", "2025-07-21T10:00:00+01:00", "", "response_due", "2025-08-19")] // first Mon Aug (Scotland only) 4 Aug skipped
    [TestCase("foia", "2025-11-17T10:00:00Z", "", "response_due", "2025-12-16")] // St Andrew's Day substitute Mon 1 Dec (Scotland only) skipped
    [TestCase("foia", "2026-06-01T10:00:00+01:00", "", "response_due", "2026-06-30")] // one-off World Cup bank holiday Mon 15 Jun 2026, Scotland only, skipped under FOIA
    // NI-only days are non-working for every FOIA authority
    [TestCase("foia", "2025-03-03T10:00:00Z", "", "response_due", "2025-04-01")] // St Patrick's Day Mon 17 Mar (NI only) skipped
    [TestCase("foia", "2025-06-30T10:00:00+01:00", "", "response_due", "2025-07-29")] // Battle of the Boyne substitute Mon 14 Jul 2025 (NI only) skipped
    [TestCase("foia", "2025-08-18T10:00:00+01:00", "", "response_due", "2025-09-16")] // last Mon Aug 25 Aug (E&W and NI) skipped
    [TestCase("foia", "2024-06-28T10:00:00+01:00", "", "response_due", "2024-07-29")] // Battle of the Boyne Fri 12 Jul 2024 (NI only) skipped
    // One-off proclaimed days across the UK
    [TestCase("foia", "2022-09-05T10:00:00+01:00", "", "response_due", "2022-10-04")] // State Funeral of Queen Elizabeth II, Mon 19 Sep 2022
    [TestCase("foia", "2023-04-24T10:00:00+01:00", "", "response_due", "2023-05-24")] // early May Mon 1 May + Coronation Mon 8 May 2023
    [TestCase("foia", "2022-05-27T10:00:00+01:00", "", "response_due", "2022-06-28")] // Spring holiday moved to Thu 2 Jun + Platinum Jubilee Fri 3 Jun; Mon 30 May is a working day
    // Receipt on a non-working day: it is still the date of receipt (R1), day 1 is the next working day (R2)
    [TestCase("foia", "2025-05-26T10:00:00+01:00", "", "response_due", "2025-06-23")] // received on Spring bank holiday Mon 26 May
    [TestCase("foia", "2025-12-25T10:00:00Z", "", "response_due", "2026-01-27")] // received on Christmas Day; 26 Dec, 1-2 Jan skipped
    [TestCase("foia", "2025-08-04T10:00:00+01:00", "", "response_due", "2025-09-02")] // received on Scottish Summer holiday; 25 Aug also skipped
    // British Summer Time (R3): 00:30 BST is 23:30 UTC the day before
    [TestCase("foia", "2025-03-30T23:30:00Z", "", "response_due", "2025-04-30")] // BST began 30 Mar: 23:30Z Sun = 00:30 BST Mon 31 Mar; receipt Monday (UTC date would give 29 Apr)
    [TestCase("foia", "2025-03-31T00:30:00+01:00", "", "response_due", "2025-04-30")] // the same instant written with the BST offset
    [TestCase("foia", "2025-10-23T23:30:00Z", "", "response_due", "2025-11-21")] // last BST week: 23:30Z Thu = 00:30 BST Fri 24 Oct (UTC date would give 20 Nov)
    // Clarification restarts the clock (FOIA s1(3), s10(6)(b); rule book F2)
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "clarification_sent:2025-06-04;clarification_received:2025-06-16", "response_due", "2025-07-15")] // day 0 = 16 Jun; Boyne substitute 14 Jul skipped
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "clarification_sent:2025-06-03;clarification_received:2025-06-14", "response_due", "2025-07-11")] // clarification received on a Saturday is day 0; day 1 Mon 16 Jun
    // Fee pause: the working days from notice to payment, both inclusive, are disregarded (s10(2); F3)
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-09;fee_received:2025-06-13", "response_due", "2025-07-07")] // 5 WD disregarded: 30 Jun + 5 WD
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-09;fee_received:2025-06-13", "fee_payment_deadline", "2025-09-08")] // s9(2): three months beginning with 9 Jun end 8 Sep
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "fees_notice_sent:2025-06-05;fee_received:2025-06-07", "response_due", "2025-07-02")] // paid on a Saturday: only Thu 5 and Fri 6 disregarded
    // PIT extension: the 40th WD (s10(3), F5)
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "pit_notice_sent:2025-06-30", "response_due_pit", "2025-07-29")] // 40 WD, Boyne substitute 14 Jul skipped
    [TestCase("foia", "2025-12-01T10:00:00Z", "pit_notice_sent:2025-12-19", "response_due", "2025-12-31")] // received on St Andrew's substitute (Scotland): still day 0; 25-26 Dec skipped
    [TestCase("foia", "2025-12-01T10:00:00Z", "pit_notice_sent:2025-12-19", "response_due_pit", "2026-01-30")] // 40 WD over Christmas and 1-2 Jan
    // FOIA internal review request window: 40 WD after the response (s45 Code; I1)
    [TestCase("foia", "2025-06-02T10:00:00+01:00", "response_sent:2025-06-30", "review_request_deadline", "2025-08-28")] // 14 Jul (NI), 4 Aug (Scotland), 25 Aug (E&W, NI) skipped
    public void Compute_FoiaCase_GivesDate(string regime, string received, string events, string dateName, string expected) =>
        AssertDate(regime, received, events, dateName, expected);

    // ---- EIR: 20 WD on the UK calendar (reg 2(1)), 40 WD extension (reg 7), reg 9(4) restart, reg 11 reviews ----
    [TestCase("eir", "2025-06-06T12:00:00+01:00", "", "response_due", "2025-07-04")] // reg 5(2): as FOIA
    [TestCase("eir", "2025-03-03T10:00:00Z", "", "response_due", "2025-04-01")] // St Patrick's Day (NI) is non-working under EIR too
    [TestCase("eir", "2025-06-02T10:00:00+01:00", "extension_notice_sent:2025-06-20", "response_due_extended", "2025-07-29")] // reg 7(1): 40 WD
    [TestCase("eir", "2025-03-14T10:00:00Z", "extension_notice_sent:2025-04-01", "response_due", "2025-04-14")] // 17 Mar skipped
    [TestCase("eir", "2025-03-14T10:00:00Z", "extension_notice_sent:2025-04-01", "response_due_extended", "2025-05-15")] // 40 WD over 17 Mar, Easter and early May
    [TestCase("eir", "2025-03-03T10:00:00Z", "clarification_sent:2025-03-04;clarification_received:2025-03-10", "response_due", "2025-04-08")] // reg 9(4) restart from 10 Mar; 17 Mar skipped
    [TestCase("eir", "2025-06-02T10:00:00+01:00", "response_sent:2025-06-30", "review_request_deadline", "2025-08-28")] // reg 11(2): 40 WD after the response
    public void Compute_EirCase_GivesDate(string regime, string received, string events, string dateName, string expected) =>
        AssertDate(regime, received, events, dateName, expected);

    // ---- FOISA: 20 WD on the Scotland calendar (s73) ----
    [TestCase("foisa", "2023-11-27T09:00:00Z", "", "response_due", "2023-12-28")] // St Andrew's 30 Nov, 25-26 Dec are Scottish too
    [TestCase("foisa", "2025-04-01T10:00:00+01:00", "", "response_due", "2025-04-30")] // Easter Monday is a working day in Scotland; Good Friday is not
    [TestCase("foisa", "2024-03-01T10:00:00Z", "", "response_due", "2024-04-01")] // 18 Mar (NI) and Easter Mon 1 Apr are working days in Scotland
    [TestCase("foisa", "2025-12-15T10:00:00Z", "", "response_due", "2026-01-16")] // 25, 26 Dec, 1, 2 Jan all Scottish
    [TestCase("foisa", "2026-12-18T10:00:00Z", "", "response_due", "2027-01-21")] // Boxing substitute 28 Dec; 2nd January substitute Mon 4 Jan 2027
    [TestCase("foisa", "2025-07-21T10:00:00+01:00", "", "response_due", "2025-08-19")] // first Mon Aug 4 Aug skipped in Scotland
    [TestCase("foisa", "2025-11-17T10:00:00Z", "", "response_due", "2025-12-16")] // St Andrew's Day substitute Mon 1 Dec
    [TestCase("foisa", "2026-06-01T10:00:00+01:00", "", "response_due", "2026-06-30")] // World Cup bank holiday 15 Jun 2026 (Scotland)
    [TestCase("foisa", "2025-03-03T10:00:00Z", "", "response_due", "2025-03-31")] // St Patrick's Day (NI only) is a working day under FOISA
    [TestCase("foisa", "2025-06-30T10:00:00+01:00", "", "response_due", "2025-07-28")] // Boyne substitute 14 Jul (NI only) is a working day under FOISA
    [TestCase("foisa", "2025-08-18T10:00:00+01:00", "", "response_due", "2025-09-15")] // last Mon Aug (E&W, NI) is a working day under FOISA
    [TestCase("foisa", "2024-06-28T10:00:00+01:00", "", "response_due", "2024-07-26")] // 12 Jul 2024 (NI only) is a working day under FOISA
    [TestCase("foisa", "2025-08-04T10:00:00+01:00", "", "response_due", "2025-09-01")] // received on the Scottish Summer holiday; 25 Aug working
    [TestCase("foisa", "2022-09-05T10:00:00+01:00", "", "response_due", "2022-10-04")] // State Funeral 19 Sep 2022 applied in Scotland (OSIC)
    [TestCase("foisa", "2025-03-03T10:00:00Z", "clarification_sent:2025-03-04;clarification_received:2025-03-10", "response_due", "2025-04-07")] // s1(3) restart from 10 Mar; 17 Mar working
    [TestCase("foisa", "2025-08-18T10:00:00+01:00", "fees_notice_sent:2025-08-20;fee_received:2025-08-26", "response_due", "2025-09-22")] // s10(2): 5 WD disregarded (25 Aug is a Scottish working day)
    [TestCase("foisa", "2025-08-18T10:00:00+01:00", "fees_notice_sent:2025-08-20;fee_received:2025-08-26", "fee_payment_deadline", "2025-11-19")] // s9(4): three months beginning with 20 Aug
    [TestCase("foisa", "2025-03-03T10:00:00Z", "", "review_request_deadline", "2025-05-29")] // s20(5)(a) no response: 40 WD after expiry 31 Mar; Good Fri, 5 May, 26 May skipped, Easter Mon counted
    [TestCase("foisa", "2025-03-03T10:00:00Z", "response_sent:2025-04-07", "review_request_deadline", "2025-06-05")] // s20(5)(b) late response: 40 WD after 7 Apr
    [TestCase("foisa", "2025-03-03T10:00:00Z", "response_sent:2025-03-24", "review_request_deadline", "2025-05-29")] // 8.3 on-time response: statutory cut-off from expiry
    [TestCase("foisa", "2025-03-03T10:00:00Z", "response_sent:2025-03-24", "review_request_advised", "2025-05-21")] // 8.3: OSIC's advised date, 40 WD from the response
    public void Compute_FoisaCase_GivesDate(string regime, string received, string events, string dateName, string expected) =>
        AssertDate(regime, received, events, dateName, expected);

    // ---- Reviews, from receipt of the review request ----
    [TestCase("foia-review", "2025-09-01T10:00:00+01:00", "", "review_response_due", "2025-09-29")] // s45 Code: 20 WD (I2)
    [TestCase("foia-review", "2025-09-01T10:00:00+01:00", "", "review_response_due_extended", "2025-10-27")] // s45 Code: 40 WD outer limit (I3)
    [TestCase("foia-review", "2025-03-03T10:00:00Z", "", "review_response_due", "2025-04-01")] // UK calendar: 17 Mar (NI) skipped
    [TestCase("eir-review", "2025-09-01T10:00:00+01:00", "", "review_response_due", "2025-10-27")] // reg 11(4): 40 WD
    [TestCase("foisa-review", "2025-11-17T10:00:00Z", "", "review_response_due", "2025-12-16")] // s21(1): 20 WD, St Andrew's substitute skipped
    [TestCase("foisa-review", "2025-03-03T10:00:00Z", "", "review_response_due", "2025-03-31")] // s21(1): Scotland calendar, 17 Mar counted
    public void Compute_ReviewCase_GivesDate(string regime, string received, string events, string dateName, string expected) =>
        AssertDate(regime, received, events, dateName, expected);

    // ---- Subject access: one calendar month, clamped, rolled forward on the controller's calendar (section 7) ----
    [TestCase("sar", "2025-01-31T10:00:00Z", "", "response_due", "2025-02-28")] // D3: 31 Jan -> 28 Feb
    [TestCase("sar", "2024-01-31T10:00:00Z", "", "response_due", "2024-02-29")] // D3: leap year, 31 Jan -> 29 Feb
    [TestCase("sar", "2028-01-31T10:00:00Z", "", "response_due", "2028-02-29")] // D3: leap year 2028
    [TestCase("sar", "2026-01-31T10:00:00Z", "", "response_due", "2026-03-02")] // D3+D4: 28 Feb 2026 is a Saturday -> Mon 2 Mar
    [TestCase("sar", "2024-02-29T10:00:00Z", "", "response_due", "2024-04-02")] // 29 Mar 2024 Good Friday, Easter Monday 1 Apr (E&W) -> Tue 2 Apr
    [TestCase("sar/scotland", "2024-02-29T10:00:00Z", "", "response_due", "2024-04-01")] // Easter Monday is a working day in Scotland
    [TestCase("sar", "2024-11-25T10:00:00Z", "", "response_due", "2024-12-27")] // D4 ICO worked example: Mon 25 Nov 2024 -> Fri 27 Dec
    [TestCase("sar", "2025-01-05T10:00:00Z", "", "response_due", "2025-02-05")] // D1: received on a Sunday, the month starts that day
    [TestCase("sar", "2025-12-01T10:00:00Z", "", "response_due", "2026-01-02")] // 1 Jan 2026 New Year -> Fri 2 Jan (working in E&W)
    [TestCase("sar/scotland", "2025-12-01T10:00:00Z", "", "response_due", "2026-01-05")] // 2 Jan is Scottish: -> Mon 5 Jan
    [TestCase("sar", "2025-02-17T10:00:00Z", "", "response_due", "2025-03-17")] // St Patrick's Day is a working day in E&W
    [TestCase("sar/northern-ireland", "2025-02-17T10:00:00Z", "", "response_due", "2025-03-18")] // St Patrick's Day in NI -> Tue 18 Mar
    [TestCase("sar", "2026-05-15T10:00:00+01:00", "", "response_due", "2026-06-15")] // World Cup day is a working day in E&W
    [TestCase("sar/scotland", "2026-05-15T10:00:00+01:00", "", "response_due", "2026-06-16")] // World Cup bank holiday 15 Jun 2026 in Scotland -> Tue 16 Jun
    [TestCase("sar/northern-ireland", "2026-05-15T10:00:00+01:00", "", "response_due", "2026-06-15")] // not a holiday in NI
    [TestCase("sar", "2025-10-25T23:30:00Z", "", "response_due", "2025-11-26")] // R3 at the October change: 23:30Z Sat = 00:30 BST Sun 26 Oct (UTC date would give 25 Nov)
    [TestCase("sar", "2025-10-26T01:30:00+00:00", "", "response_due", "2025-11-26")] // the second 01:30 of 26 Oct (GMT) is still 26 Oct
    [TestCase("sar", "2025-03-30T00:30:00Z", "", "response_due", "2025-04-30")] // before BST starts at 01:00Z on 30 Mar, London = UTC
    [TestCase("sar", "2025-01-31T10:00:00Z", "extension_notice_sent:2025-02-10", "response_due_extended", "2025-04-30")] // D5: three months from the start (31 Jan -> 30 Apr), not 28 Feb + 2 months
    [TestCase("sar", "2025-01-18T10:00:00Z", "extension_notice_sent:2025-02-10", "response_due_extended", "2025-04-22")] // D5: 18 Apr 2025 Good Friday, Easter Monday -> Tue 22 Apr
    [TestCase("sar", "2025-01-06T10:00:00Z", "id_received:2025-01-13", "response_due", "2025-02-13")] // D1: the month runs from the ID
    [TestCase("sar", "2025-01-06T10:00:00Z", "clarification_sent:2025-01-08;clarification_received:2025-01-10", "response_due", "2025-02-10")] // D6 [interpretation 8.4]: 6 Feb + 3 days = Sun 9 Feb -> Mon 10 Feb
    public void Compute_SubjectAccessCase_GivesDate(string regime, string received, string events, string dateName, string expected) =>
        AssertDate(regime, received, events, dateName, expected);

    // ---- FOIA s9(2) / FOISA s9(4) fee window: three months beginning with the notice day (F4, 8.6) ----
    [TestCase("2025-06-09", "2025-09-08")] // the day before the corresponding date
    [TestCase("2025-11-28", "2026-02-27")] // corresponding date exists (28 Feb)
    [TestCase("2025-11-30", "2026-02-28")] // no 30 Feb: the last day of February
    [TestCase("2027-11-30", "2028-02-29")] // no 30 Feb, leap year
    [TestCase("2025-01-31", "2025-04-30")] // no 31 Apr: the last day of April
    [TestCase("2025-10-04", "2026-01-03")] // a Saturday: calendar period, no roll-forward
    public void FeeWindow_Notice_LastDayIsDayBeforeCorrespondingDate(string notice, string expected) =>
        Assert.That(FeeWindow.LastDay(DateOnly.Parse(notice)), Is.EqualTo(DateOnly.Parse(expected)));

    internal static DeadlineResult Run(string regime, string received, string events)
    {
        var parts = regime.Split('/');
        var options = parts.Length > 1 ? new DeadlineOptions { SarCalendar = DeadlineInput.ParseSarCalendar(parts[1]) } : DeadlineOptions.Default;
        var parsed = events.Length == 0 ? [] : events.Split(';').Select(DeadlineInput.ParseEvent).ToList();
        return DeadlineEngine.Compute(Regimes.Parse(parts[0]), DeadlineInput.ParseInstant(received), parsed, options);
    }

    private static void AssertDate(string regime, string received, string events, string dateName, string expected)
    {
        var result = Run(regime, received, events);
        Assert.That(result.Dates, Does.ContainKey(dateName), () => string.Join("\n", result.Working.Select(s => s.Text)));
        Assert.That(result.Dates[dateName], Is.EqualTo(DateOnly.Parse(expected)), () => string.Join("\n", result.Working.Select(s => s.Text)));
    }
}
