using System.Text.Json;
using FoiDesk.Deadlines;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the statutory clock: compute a case's dates, with the working, from the command line.</summary>
public static class DeadlineVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("deadline",
            "--regime foia|eir|foisa|foia-review|eir-review|foisa-review|sar --received 2025-06-06T23:30:00+01:00 [--calendar england-and-wales|scotland|northern-ireland] [--event NAME:YYYY-MM-DD ...]",
            NeedsDatabase: false,
            Deadline),
    ];

    private static Task<int> Deadline(CliContext ctx)
    {
        var args = ctx.Parse(["regime", "received", "calendar", "event"]);
        if (args.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{args.Positionals[0]}'");
        }

        DeadlineResult result;
        try
        {
            var regime = Regimes.Parse(args.Required("regime"));
            var received = DeadlineInput.ParseInstant(args.Required("received"));
            var options = args.Option("calendar") is { } calendar
                ? DeadlineOptions.Default with { SarCalendar = DeadlineInput.ParseSarCalendar(calendar) }
                : DeadlineOptions.Default;
            var events = args.Options("event").Select(DeadlineInput.ParseEvent).ToList();
            result = DeadlineEngine.Compute(regime, received, events, options);
        }
        catch (DeadlineInputException e)
        {
            throw new CliUsageException(e.Message);
        }

        ctx.WriteJson(new
        {
            regime = result.Regime.Key(),
            receiptDate = result.ReceiptDate,
            calendar = result.Calendar.Key(),
            dates = result.Dates,
            working = result.Working.Select(s => new
            {
                kind = JsonNamingPolicy.KebabCaseLower.ConvertName(s.Kind.ToString()),
                date = s.Date,
                clock = s.Clock,
                text = s.Text,
            }),
            warnings = result.Warnings,
            holidayTableVersion = result.HolidayTableVersion,
        });
        return Task.FromResult(0);
    }
}
