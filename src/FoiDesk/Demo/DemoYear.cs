using System.Globalization;
using System.Text.Json;
using Dapper;
using FoiDesk.Accounts;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Questions;
using FoiDesk.Reporting;
using Npgsql;

namespace FoiDesk.Demo;

public sealed record DemoYearResult(int Cases, int Answered, int Teams, int Commissioners);

/// <summary>
/// Seeds a year of the fictional Wexbridge County Council's requests for the demo (demo data only): cases in
/// every state, answered by several teams and commissioners, with clock events, timelines and the monthly
/// timeliness summary, so the dashboard, statistics, search and "my questions" show real content on a new
/// install. Cases are opened through <see cref="CaseStore.OpenAsync"/> (references, questions, the opened
/// event) with a clock moved to each moment; the later steps write the rows the workflow services write.
/// Deterministic: the same seed and date give the same data.
/// </summary>
public sealed class DemoYear(NpgsqlDataSource db, AccountService accounts, TimeProvider time)
{
    public const int DefaultSeed = 2026;
    public const int DefaultCount = 280;
    private const string Officer = "Iris Officer (IG)";

    /// <summary>The commissioners who answer the demo's questions, by team (the first two are the demo sign-in accounts).</summary>
    private static readonly (string Email, string Name, int[] Teams)[] Commissioners =
    [
        ("commissioner@demo.foidesk.local", "Cam Commissioner", [0, 3]),
        ("commissioner2@demo.foidesk.local", "Chris Commissioner", [1, 4]),
        ("asha.obi@demo.foidesk.local", "Asha Obi", [0]),
        ("ben.carter@demo.foidesk.local", "Ben Carter", [1]),
        ("dee.morgan@demo.foidesk.local", "Dee Morgan", [2]),
        ("huw.price@demo.foidesk.local", "Huw Price", [2, 3]),
        ("lena.fox@demo.foidesk.local", "Lena Fox", [4]),
    ];

    public async Task<DemoYearResult> SeedAsync(int seed, int count, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var holidays = await new HolidayStore(db, time).CurrentAsync(ct);
        var plans = DemoPlanner.Plan(seed, count, now, holidays);
        var rng = new Random(seed ^ 0x5EED);
        var clock = new DemoClock(now);
        var store = new CaseStore(db, clock);
        var ids = new long[plans.Count];
        var people = await CommissionersAsync(ct);
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var (teams, members) = await TeamsAsync(conn, tx, people, ct);
            for (var i = 0; i < plans.Count; i++)
            {
                var p = plans[i];
                clock.Now = p.ReceivedAt;
                var (id, _) = await store.OpenAsync(conn, tx, NewCase(p, i), "intake", ct);
                ids[i] = id;
                var team = DemoRequests.Teams.ToList().IndexOf(p.Topic.Team);
                var assignee = members[team][rng.Next(members[team].Count)];
                await WorkAsync(conn, tx, store, clock, p, id, p.ParentIndex is { } parent ? ids[parent] : null, teams[team], assignee, holidays, ct);
            }

            await tx.CommitAsync(ct);
        }

        // The dashboard's monthly figures, as the summary job would fold them in.
        await new TimelinessSummary(db, new HolidayStore(db, time), time).RefreshAsync(ct);
        return new DemoYearResult(plans.Count, plans.Count(p => p.Status == CaseStatuses.Responded), DemoRequests.Teams.Count, Commissioners.Length);
    }

    private static NewCase NewCase(DemoPlan p, int index)
    {
        var questions = p.Topic.Questions;
        var wdtkId = 1_040_000 + (index * 37);
        var replyTo = p.WhatDoTheyKnow ? $"request-{wdtkId}-{(uint)(index * 2654435761u):x8}@whatdotheyknow.com" : null;
        var text = string.Join("\n\n",
            "Dear Wexbridge County Council,",
            p.Classification == "review"
                ? "I am writing to request an internal review of your response to my earlier request. I do not think all the information was provided, and I disagree with the exemption applied."
                : "Under the Freedom of Information Act 2000, please provide the following:",
            string.Join("\n", questions.Select((q, n) => $"{n + 1}. {q}")),
            p.RoundRobin ? "I am sending this request to every county council in England." : "",
            $"Yours faithfully,\n{p.Requester}");
        return new NewCase
        {
            Classification = p.Classification == "review" ? "review" : "foi",
            ProposedClassification = p.Classification,
            Regime = p.Regime,
            Subject = p.WhatDoTheyKnow ? $"Freedom of Information request - {p.Topic.Subject}" : p.Topic.Subject,
            ReceivedAt = p.ReceivedAt,
            RequesterName = p.Requester,
            RequesterEmail = replyTo ?? $"{p.Requester.ToLowerInvariant().Replace(' ', '.')}@example.org",
            ReplyToAddress = replyTo,
            WdtkRequestId = p.WhatDoTheyKnow ? wdtkId : null,
            PublishedByPlatform = p.WhatDoTheyKnow,
            RequestText = text,
            Questions = [.. questions.Select((q, n) => new NewQuestion((n + 1).ToString(CultureInfo.InvariantCulture), q, [], QuestionSimilarity.Normalise(q)))],
        };
    }

    /// <summary>Triage, assignment, answers, clock events and approval, each at its moment, then the case's standing today.</summary>
    private static async Task WorkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseStore store, DemoClock clock, DemoPlan p, long id, long? parentId, long teamId, long assigneeId, HolidayTable holidays, CancellationToken ct)
    {
        if (p.ConfirmedOn is { } confirmed)
        {
            clock.Now = Later(DemoPlanner.At(confirmed, 9 * 60 + 30), p.ReceivedAt);
            await store.AddEventAsync(conn, tx, id, Officer, "classification-confirmed", new { from = "foi", to = p.Classification, regime = p.Regime, status = p.Status == CaseStatuses.Closed ? CaseStatuses.Closed : CaseStatuses.Open }, ct);
        }

        var questions = p.Topic.Questions.Length;
        DateTimeOffset? assignedAt = null;
        if (p.AssignedOn is { } assigned && p.QuestionStatus != "unassigned")
        {
            assignedAt = clock.Now = Later(DemoPlanner.At(assigned, 11 * 60), p.ReceivedAt);
            for (var n = 1; n <= questions; n++)
            {
                await store.AddEventAsync(conn, tx, id, Officer, "question-assigned", new { question = n.ToString(CultureInfo.InvariantCulture), team = teamId, assigneeId }, ct);
            }
        }

        var done = new List<ClockEvent>();
        foreach (var e in p.Events)
        {
            done.Add(e);
            clock.Now = Later(DemoPlanner.At(e.Date, 15 * 60), p.ReceivedAt);
            var dates = DeadlineEngine.Compute(Regimes.Parse(p.Regime!), p.ReceivedAt, done, new DeadlineOptions { Holidays = holidays }).Dates;
            const string Insert = """
                insert into clock_event (case_id, name, occurred_on, recorded_at, recorded_by, note)
                values (@id, @Name, @Date, @now, @actor, '')
                """;
            await conn.ExecuteAsync(new CommandDefinition(Insert, new { id, e.Name, e.Date, now = clock.Now, actor = Officer }, tx, cancellationToken: ct));
            await store.AddEventAsync(conn, tx, id, Officer, "clock-event", new { name = e.Name, date = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note = "", dates }, ct);
        }

        if (p.ApprovedOn is { } approved)
        {
            clock.Now = Later(DemoPlanner.At(approved, 14 * 60), p.ReceivedAt);
            await store.AddEventAsync(conn, tx, id, "Morgan Manager", "approved", new { approver = "Morgan Manager", questions }, ct);
        }

        const string Case = """
            update foi_case set classification = @Classification, classification_confirmed = @confirmed, regime = @Regime,
                status = @Status, outcome = @Outcome, parent_case_id = @parentId
            where id = @id
            """;
        await conn.ExecuteAsync(new CommandDefinition(Case, new { p.Classification, confirmed = p.ConfirmedOn is not null, p.Regime, p.Status, p.Outcome, parentId, id }, tx, cancellationToken: ct));
        if (p.QuestionStatus == "unassigned")
        {
            return;
        }

        const string Question = """
            update question set status = @status, team_id = @teamId, assignee_id = @assigneeId, assigned_at = @assignedAt,
                answer = @answer, answer_kind = @kind, exemption = @exemption::jsonb, updated_at = @now
            where case_id = @id and position = @position
            """;
        for (var n = 1; n <= questions; n++)
        {
            // The first question is the one still being written; the others have been drafted.
            var status = p.QuestionStatus == "drafting" && n > 1 ? "submitted" : p.QuestionStatus;
            var answered = status is "submitted" or "approved";
            var exempt = p.ExemptionCode is not null && (p.AnswerKind == "exempt" || n == questions);
            var kind = !answered ? null : exempt ? "exempt" : p.AnswerKind ?? "answer";
            await conn.ExecuteAsync(new CommandDefinition(Question, new
            {
                status,
                teamId,
                assigneeId,
                assignedAt,
                answer = answered ? Answer(p, n, kind!) : "",
                kind,
                exemption = kind == "exempt" ? Exemption(p.ExemptionCode!) : null,
                now = clock.Now,
                id,
                position = n,
            }, tx, cancellationToken: ct));
        }
    }

    private static string Answer(DemoPlan p, int n, string kind) => kind switch
    {
        "not-held" => "The council does not hold this information. It is not recorded in a form that answers the question.",
        "exempt" => "This information is withheld; the reasons are set out in the refusal notice below.",
        _ when p.Topic.Subject.StartsWith("Social value", StringComparison.Ordinal) || p.Topic.Questions[n - 1].Contains("social value", StringComparison.OrdinalIgnoreCase) =>
            "From the contract monitoring returns: the framework's social value commitments include local employment, apprenticeships and volunteering hours; the table attached shows what was committed and what was delivered in each year.",
        _ => "The information is set out in the table attached to this response.",
    };

    private static string Exemption(string code)
    {
        var e = FoiDesk.Questions.Exemptions.Find(code) ?? throw new InvalidOperationException($"unknown exemption {code}");
        return JsonSerializer.Serialize(new ProposedExemption(e.Code, e.Title, e.Qualified, "Disclosure would be likely to cause the harm the exemption protects against."), JsonSerializerOptions.Web);
    }

    private static DateTimeOffset Later(DateTimeOffset at, DateTimeOffset notBefore) => at < notBefore ? notBefore.AddMinutes(30) : at;

    /// <summary>
    /// The commissioners' accounts: the two demo sign-in accounts when they exist, and colleagues with a random
    /// password nobody is told (they own questions; an admin can reset one to sign in as them).
    /// </summary>
    private async Task<long[]> CommissionersAsync(CancellationToken ct)
    {
        var ids = new long[Commissioners.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var (email, name, _) = Commissioners[i];
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                ids[i] = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("select id from account where email = @email", new { email }, cancellationToken: ct)) ?? 0;
            }

            if (ids[i] == 0)
            {
                ids[i] = await accounts.CreateAsync(email, name, AccountService.GeneratePassword(24), [Roles.Commissioner], mustChangePassword: true, ct);
            }
        }

        return ids;
    }

    /// <summary>The council's teams and who is in each.</summary>
    private static async Task<(long[] Teams, List<long>[] Members)> TeamsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] people, CancellationToken ct)
    {
        var teams = new long[DemoRequests.Teams.Count];
        var members = new List<long>[teams.Length];
        for (var t = 0; t < teams.Length; t++)
        {
            teams[t] = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "insert into team (name) values (@name) on conflict (name) do update set name = excluded.name returning id", new { name = DemoRequests.Teams[t] }, tx, cancellationToken: ct));
            members[t] = [];
        }

        for (var i = 0; i < people.Length; i++)
        {
            foreach (var t in Commissioners[i].Teams)
            {
                await conn.ExecuteAsync(new CommandDefinition("insert into team_member (team_id, account_id) values (@team, @id) on conflict do nothing", new { team = teams[t], id = people[i] }, tx, cancellationToken: ct));
                members[t].Add(people[i]);
            }
        }

        return (teams, members);
    }
}
