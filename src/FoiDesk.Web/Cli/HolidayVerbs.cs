using System.Globalization;
using FoiDesk.Deadlines;
using FoiDesk.Notifications;

namespace FoiDesk.Web.Cli;

/// <summary>Verbs of the holiday table and the morning reminders: holidays list/add/refresh, reminders run-once.</summary>
public static class HolidayVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("holidays list", "[--year YYYY]", NeedsDatabase: true, List),
        new("holidays add",
            "--date YYYY-MM-DD --title TITLE --division england-and-wales|scotland|northern-ireland [--division ...] [--source NOTE]",
            NeedsDatabase: true,
            Add),
        new("holidays refresh", "", NeedsDatabase: true, Refresh),
        new("reminders run-once", "", NeedsDatabase: true, RunReminders),
    ];

    private static string Actor => $"cli:{Environment.UserName}";

    private static async Task<int> List(CliContext ctx)
    {
        var args = ctx.Parse(options: ["year"]);
        NoPositionals(args);
        int? year = args.Option("year") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 && text.Length == 4
                ? y
                : throw new CliUsageException($"--year must be a four-digit year, not '{text}'")
            : null;
        var rows = await ctx.Services.GetRequiredService<HolidayAdmin>().ListAsync(year, ctx.Cancellation);
        ctx.WriteJson(rows.Select(r => new { date = Day(r.Date), title = r.Title, divisions = r.Divisions, source = r.Source }));
        return 0;
    }

    private static async Task<int> Add(CliContext ctx)
    {
        var args = ctx.Parse(options: ["date", "title", "division", "source"]);
        NoPositionals(args);
        var dateText = args.Required("date");
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CliUsageException($"--date must be YYYY-MM-DD, not '{dateText}'");
        }

        var title = args.Required("title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new CliUsageException("--title must not be empty");
        }

        var divisions = args.Options("division")
            .Select(d => Divisions.TryParse(d, out var division)
                ? division
                : throw new CliUsageException($"unknown division '{d}' (expected england-and-wales, scotland or northern-ireland)"))
            .ToList();
        if (divisions.Count == 0)
        {
            throw new CliUsageException("--division is required (repeat it for each part of the UK)");
        }

        var source = args.Option("source") ?? $"added by {Actor}";
        var changes = await ctx.Services.GetRequiredService<HolidayAdmin>().AddAsync(date, title, divisions, source, Actor, ctx.Cancellation);
        ctx.WriteJson(new
        {
            date = Day(date),
            title,
            divisions = divisions.Distinct().Select(d => d.Key()),
            source,
            casesMoved = Moves(changes),
        });
        return 0;
    }

    private static async Task<int> Refresh(CliContext ctx)
    {
        NoPositionals(ctx.Parse());
        var result = await ctx.Services.GetRequiredService<HolidayRefresh>().RunAsync(ctx.Cancellation);
        ctx.WriteJson(new
        {
            outcome = result.Outcome.ToString(),
            added = result.Added,
            error = result.Error,
            casesMoved = Moves(result.Changes),
        });
        return result.Outcome == HolidayRefreshOutcome.Failed ? 1 : 0;
    }

    private static async Task<int> RunReminders(CliContext ctx)
    {
        NoPositionals(ctx.Parse());
        // What the 07:30 job does: record the day's notifications, then queue each person's digest in the outbox.
        var run = await ctx.Services.GetRequiredService<Reminders>().RunAsync(ctx.Cancellation);
        var delivered = await ctx.Services.GetRequiredService<ReminderDigests>().DeliverAsync(ctx.Cancellation);
        ctx.WriteJson(new { run.Day, run.WorkingDay, run.Reminders, run.Escalations, run.CaseDue, digests = delivered.Digests, notificationsQueued = delivered.Notifications });
        return 0;
    }

    private static IEnumerable<object> Moves(IReadOnlyList<DeadlineChange> changes) =>
        changes.Select(c => new
        {
            reference = c.Reference,
            moved = c.Moved.Select(m => new { date = m.Name, from = m.From is { } f ? Day(f) : null, to = Day(m.To) }),
        });

    private static void NoPositionals(CliArgs args)
    {
        if (args.Positionals.Count > 0)
        {
            throw new CliUsageException($"unexpected argument '{args.Positionals[0]}'");
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
