using FoiDesk.Deadlines;

namespace FoiDesk.Demo;

/// <summary>
/// Plans a year of cases for the demo, deterministically from a seed and today's date. Every due date comes
/// from the deadline engine with the holiday table in force, so the story (on time, late, overdue, paused)
/// is the one FoiDesk itself will compute from the clock events.
/// </summary>
public static class DemoPlanner
{
    /// <summary>Every seventh answered case goes late: an on-time rate a little under the ICO's 90% expectation.</summary>
    private const int LateEvery = 7;

    public static IReadOnlyList<DemoPlan> Plan(int seed, int count, DateTimeOffset now, HolidayTable holidays)
    {
        var rng = new Random(seed);
        var today = LondonTime.DateOf(now);
        var calendar = holidays.Calendar(CalendarId.Uk);
        var options = new DeadlineOptions { Holidays = holidays };

        // Receipts over the last 13 months, so the responses fill each of the chart's 12 months. Most requests
        // arrive on working days; a few at weekends or on bank holidays (day 1 is then the next working day).
        var receipts = Enumerable.Range(0, count).Select(_ =>
        {
            // A busier last five weeks than the average week, so today's work shows every stage.
            var day = today.AddDays(-rng.Next(0, rng.NextDouble() < 0.15 ? 35 : 396));
            if (rng.NextDouble() < 0.93)
            {
                while (!calendar.IsWorkingDay(day))
                {
                    day = day.AddDays(-1);
                }
            }

            var at = At(day, rng.Next(8 * 60, 18 * 60));
            // Drawn whether or not it is used, so the time of day never shifts the random sequence: the same
            // seed and date give the same year at 10:00 and at 21:00.
            var earlier = now.AddMinutes(-rng.Next(5, 120));
            return at > now ? earlier : at;
        }).OrderBy(at => at).ToList();

        var plans = new List<DemoPlan>();
        var answered = 0;
        var recent = 0;
        foreach (var receivedAt in receipts)
        {
            var receipt = LondonTime.DateOf(receivedAt);
            var age = calendar.CountWorkingDays(receipt, today);
            var roll = rng.NextDouble();
            var roundRobin = rng.NextDouble() < 0.06;
            var topics = roundRobin ? DemoRequests.RoundRobins : DemoRequests.Topics;
            var basis = new DemoPlan
            {
                ReceivedAt = receivedAt,
                ReceiptDate = receipt,
                Classification = "foi",
                Regime = "foia",
                Status = "new",
                Topic = topics[rng.Next(topics.Count)],
                RoundRobin = roundRobin,
                WhatDoTheyKnow = rng.NextDouble() < 0.1,
                Requester = $"{DemoRequests.FirstNames[rng.Next(DemoRequests.FirstNames.Count)]} {DemoRequests.LastNames[rng.Next(DemoRequests.LastNames.Count)]}",
                QuestionStatus = "unassigned",
            };
            var confirmed = calendar.AddWorkingDays(receipt, 1);
            var assigned = calendar.AddWorkingDays(confirmed, rng.Next(0, 3));
            DemoPlan plan;
            if (age <= 1)
            {
                plan = basis;
            }
            else if (roll < 0.06)
            {
                // Business as usual sent to the FOI address: closed as not FOI at triage.
                plan = basis with { Classification = "not-foi", Regime = null, Status = "closed", Outcome = "not-foi", ConfirmedOn = confirmed };
            }
            else if (roll < 0.13 && plans.FindLastIndex(p => p.Status == "responded" && p.Classification == "foi" && p.Events[p.Events.Count - 1].Date < receipt) is var parent and >= 0)
            {
                plan = Review(basis with { Topic = plans[parent].Topic, ParentIndex = parent, ConfirmedOn = confirmed, AssignedOn = assigned }, rng, age, today, calendar, options, ref answered);
            }
            else
            {
                var eir = roll < 0.21 && basis.Topic.Team == "Highways and transport";
                plan = Request(basis with
                {
                    Classification = eir ? "eir" : "foi",
                    Regime = eir ? "eir" : "foia",
                    ConfirmedOn = confirmed,
                    AssignedOn = assigned,
                }, rng, age, today, calendar, options, ref answered, ref recent);
            }

            plans.Add(plan);
        }

        return plans;
    }

    /// <summary>The stages this month's requests are in, taken in turn so that each appears.</summary>
    private static readonly string[] Stages = ["to assign", "assigned", "drafting", "clarification", "awaiting approval", "fee", "pit", "approved", "sent", "assigned", "drafting", "sent"];

    private static DemoPlan Request(DemoPlan p, Random rng, int age, DateOnly today, WorkingCalendar calendar, DeadlineOptions options, ref int answered, ref int recent)
    {
        var foia = p.Regime == "foia";
        var receipt = p.ReceiptDate;
        if (age <= 20)
        {
            // This month's work, in every stage.
            var stage = Stages[recent++ % Stages.Length] switch
            {
                // EIR has no fees notice pause (reg 8 charges are not modelled) and no PIT extension.
                "fee" when !foia => "clarification",
                "pit" when !foia || age < 12 => "drafting",
                var s => s,
            };
            switch (stage)
            {
                case "to assign":
                    return p with { Status = "open", AssignedOn = null };
                case "assigned":
                    return p with { Status = "open", QuestionStatus = "assigned" };
                case "drafting":
                    return p with { Status = "open", QuestionStatus = "drafting" };
                case "awaiting approval":
                    return p with { Status = "awaiting-approval", QuestionStatus = "submitted" };
                case "approved":
                    return p with { Status = "approved", QuestionStatus = "approved", AnswerKind = "answer", ApprovedOn = today };
                case "clarification":
                    // FOIA s1(3): the clock stops until the requester says what they mean.
                    return p with { Status = "on-hold", QuestionStatus = "unassigned", AssignedOn = null, Events = [new(ClockEventNames.ClarificationSent, Min(calendar.AddWorkingDays(receipt, 2), today))] };
                case "fee":
                    // FOIA s9: a fees notice stops the clock until the fee is paid.
                    return p with { Status = "on-hold", QuestionStatus = "assigned", Events = [new(ClockEventNames.FeesNoticeSent, Min(calendar.AddWorkingDays(receipt, 3), today))] };
                case "pit":
                    // FOIA s10(3): more time to consider the public interest, notified within the 20 days.
                    return p with { Status = "open", QuestionStatus = "drafting", Events = [new(ClockEventNames.PitNoticeSent, calendar.AddWorkingDays(receipt, Math.Min(age, 15)))] };
            }
        }
        else if (rng.NextDouble() < 0.05)
        {
            // Stuck: past the statutory date and still being drafted (the dashboard's overdue list).
            return p with { Status = "open", QuestionStatus = "drafting" };
        }
        else if (rng.NextDouble() < 0.03)
        {
            var asked = calendar.AddWorkingDays(receipt, 2);
            return age > 60
                ? p with { Status = "closed", Outcome = "lapsed", Events = [new(ClockEventNames.ClarificationSent, asked)] }
                : p with { Status = "on-hold", AssignedOn = null, Events = [new(ClockEventNames.ClarificationSent, asked)] };
        }

        // Answered: some after a clarification, a fee or a public interest extension.
        var events = new List<ClockEvent>();
        var extra = rng.NextDouble();
        if (extra < 0.06)
        {
            var asked = calendar.AddWorkingDays(receipt, rng.Next(1, 4));
            events.Add(new(ClockEventNames.ClarificationSent, asked));
            events.Add(new(ClockEventNames.ClarificationReceived, calendar.AddWorkingDays(asked, rng.Next(2, 9))));
        }
        else if (foia && extra < 0.10)
        {
            var notice = calendar.AddWorkingDays(receipt, rng.Next(3, 7));
            events.Add(new(ClockEventNames.FeesNoticeSent, notice));
            events.Add(new(ClockEventNames.FeeReceived, calendar.AddWorkingDays(notice, rng.Next(2, 11))));
        }
        else if (foia && extra < 0.14)
        {
            events.Add(new(ClockEventNames.PitNoticeSent, calendar.AddWorkingDays(receipt, rng.Next(15, 20))));
        }

        if (events.Count > 0 && events[^1].Date > today)
        {
            events.Clear();
        }

        var outcome = rng.Next(100) switch { < 50 => "granted", < 70 => "partly-granted", < 84 => "refused", _ => "not-held" };
        var exemption = DemoRequests.ExemptionCodes[rng.Next(DemoRequests.ExemptionCodes.Count)];
        var answer = p with
        {
            Outcome = outcome,
            AnswerKind = outcome switch { "refused" => "exempt", "not-held" => "not-held", _ => "answer" },
            ExemptionCode = outcome is "refused" or "partly-granted" ? exemption : null,
        };
        return Answer(answer, events, rng, today, calendar, options, ref answered);
    }

    private static DemoPlan Review(DemoPlan p, Random rng, int age, DateOnly today, WorkingCalendar calendar, DeadlineOptions options, ref int answered)
    {
        // An internal review (the s45 Code of Practice: 20 working days) of an earlier answer.
        var review = p with { Classification = "review", Regime = "foia-review" };
        if (age <= 20)
        {
            return review with { Status = "open", QuestionStatus = rng.Next(2) == 0 ? "assigned" : "drafting" };
        }

        var outcome = rng.Next(100) switch { < 60 => "upheld", < 85 => "partly-upheld", _ => "overturned" };
        return Answer(review with { Outcome = outcome, AnswerKind = "answer" }, [], rng, today, calendar, options, ref answered);
    }

    /// <summary>Sends the reply on time or (every <see cref="LateEvery"/>th) late, by the engine's due date.</summary>
    private static DemoPlan Answer(DemoPlan p, List<ClockEvent> events, Random rng, DateOnly today, WorkingCalendar calendar, DeadlineOptions options, ref int answered)
    {
        var received = p.ReceivedAt;
        var due = Due(p.Regime!, received, events, options.Holidays);
        var late = (answered + 1) % LateEvery == 0;
        var sent = late
            ? calendar.AddWorkingDays(due, rng.Next(1, 11))
            : calendar.SubtractWorkingDays(due, rng.Next(0, 9));
        var earliest = calendar.AddWorkingDays(events.Count > 0 ? events[^1].Date : p.ReceiptDate, 2);
        if (sent < earliest)
        {
            sent = earliest;
        }

        if (sent > today)
        {
            // Not sent yet: waiting for approval, or overdue if the due date has passed.
            return p with { Status = due < today ? "open" : "awaiting-approval", QuestionStatus = due < today ? "drafting" : "submitted", Outcome = null, AnswerKind = null, ExemptionCode = null, Events = events };
        }

        answered++;
        events.Add(new(ClockEventNames.ResponseSent, sent));
        return p with
        {
            Status = "responded",
            QuestionStatus = "approved",
            ApprovedOn = sent,
            Events = events,
        };
    }

    /// <summary>The date the response is due by, as FoiDesk's reports compute it from receipt and the events so far.</summary>
    public static DateOnly Due(string regime, DateTimeOffset received, IReadOnlyList<ClockEvent> events, HolidayTable holidays) =>
        Reporting.DueDates.ResponseDue(regime, "england-and-wales", received, events, holidays)
            ?? throw new InvalidOperationException($"no due date for a {regime} case received {received:O}");

    /// <summary>A Europe/London wall-clock time on a date, as an instant.</summary>
    public static DateTimeOffset At(DateOnly day, int minutes)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes)), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, LondonTime.Zone), TimeSpan.Zero);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
