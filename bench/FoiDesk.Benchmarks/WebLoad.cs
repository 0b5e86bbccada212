using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace FoiDesk.Benchmarks;

/// <summary>
/// A small closed-loop load client for ops/bench-web: N clients each issue requests back to back for a fixed
/// time and every latency is kept, so the percentiles are exact. Two targets: a page of the running host (signed
/// in with a cookie), and a SQL query run straight against PostgreSQL (the "my questions" query).
/// </summary>
public static partial class WebLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        var clients = int.Parse(Arg(args, "--clients") ?? "20", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        // Paced: each client starts a request every interval instead of back to back (0: closed loop).
        var interval = TimeSpan.FromMilliseconds(double.Parse(Arg(args, "--interval-ms") ?? "0", CultureInfo.InvariantCulture));
        return mode switch
        {
            "web-load" => await PageAsync(new Uri(Arg(args, "--base") ?? "http://127.0.0.1:5099"), Arg(args, "--path") ?? "/health", Arg(args, "--email"), Arg(args, "--password"), clients, seconds, interval),
            "sql-load" => await SqlAsync(Arg(args, "--connection") ?? throw new ArgumentException("--connection"), Arg(args, "--query") ?? "indexed", clients, seconds),
            _ => 2,
        };
    }

    /// <summary>Closed-loop requests before measuring, not counted.</summary>
    private const int WarmUpSeconds = 5;

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>One signed-in HttpClient shared by every client task (sign-in is rate limited per address).</summary>
    private static async Task<int> PageAsync(Uri baseUri, string path, string? email, string? password, int clients, int seconds, TimeSpan interval)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = clients }) { BaseAddress = baseUri };
        if (email is not null && password is not null)
        {
            await SignInAsync(http, email, password);
        }

        // Warm-up: the first request pays for any pending computation; the next seconds let the server's tiered
        // JIT finish compiling the page's code, as it will have long done in a server that has been up a while.
        using (var warm = await http.GetAsync(new Uri(path, UriKind.Relative)))
        {
            if (warm.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"GET {path}: {(int)warm.StatusCode}");
                return 1;
            }
        }

        async Task<bool> OnceAsync(int client)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }

        await LoopAsync(clients, WarmUpSeconds, OnceAsync);

        var what = interval > TimeSpan.Zero ? $"GET {path} (each client every {interval.TotalMilliseconds:0} ms)" : $"GET {path}";
        return Report(what, clients, seconds, await LoopAsync(clients, seconds, OnceAsync, interval));
    }

    /// <summary>
    /// Signs in with the one-time password and replaces it, as a person must at first sign-in; a later run
    /// for the same account signs in with the replacement.
    /// </summary>
    private static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var fresh = password + " changed";
        var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            response.Dispose();
            response = await PostSignInAsync(client, email, fresh);
        }

        using var _ = response;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {response.StatusCode}");
        }

        if (response.Headers.Location?.ToString() == "/account/change-password")
        {
            var change = await client.GetStringAsync(new Uri("/account/change-password", UriKind.Relative));
            using var next = new FormUrlEncodedContent(new Dictionary<string, string> { ["NewPassword"] = fresh, ["ConfirmPassword"] = fresh, ["__RequestVerificationToken"] = Token(change) });
            using var changed = await client.PostAsync(new Uri("/account/change-password", UriKind.Relative), next);
        }
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = Token(form) });
        return await client.PostAsync(new Uri("/sign-in", UriKind.Relative), body);
    }

    private static string Token(string html) => TokenField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>
    /// "My questions": a person's open questions (theirs or their teams'), oldest assignment first, with the case.
    /// Two index-ordered branches (question_assignee_open, question_team_open from migrations/0050), each stopped
    /// at 50, then merged: the planner cannot do that from an OR.
    /// </summary>
    public const string MyQuestions = """
        select q.id, q.number, q.text, q.status, q.assigned_at, c.reference, c.subject, c.received_at
        from (
            (select id, case_id, number, text, status, assigned_at from question
             where assignee_id = @account and status in ('assigned', 'drafting', 'returned') order by assigned_at limit 50)
            union
            (select id, case_id, number, text, status, assigned_at from question
             where team_id = any(array(select team_id from team_member where account_id = @account))
               and status in ('assigned', 'drafting', 'returned') order by assigned_at limit 50)
        ) q join foi_case c on c.id = q.case_id
        order by q.assigned_at limit 50
        """;

    /// <summary>The obvious form: one OR over assignee and team. Correct, but it reads every open question.</summary>
    public const string MyQuestionsOr = """
        select q.id, q.number, q.text, q.status, q.assigned_at, c.reference, c.subject, c.received_at
        from question q join foi_case c on c.id = q.case_id
        where q.status in ('assigned', 'drafting', 'returned')
          and (q.assignee_id = @account or q.team_id in (select team_id from team_member where account_id = @account))
        order by q.assigned_at limit 50
        """;

    private static async Task<int> SqlAsync(string connection, string query, int clients, int seconds)
    {
        // naive: the OR form with the status test hidden in an expression, so no partial index applies (no 0050).
        var sql = query switch
        {
            "naive" => MyQuestionsOr.Replace("where q.status in", "where (q.status || '') in", StringComparison.Ordinal),
            "or" => MyQuestionsOr,
            _ => MyQuestions,
        };
        await using var db = NpgsqlDataSource.Create(connection);
        long[] accounts;
        await using (var conn = await db.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("select id from account where email like 'bench-commissioner-%'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            var list = new List<long>();
            while (await reader.ReadAsync())
            {
                list.Add(reader.GetInt64(0));
            }

            accounts = [.. list];
        }

        var rng = new Random(1);
        return Report($"SQL my-questions ({query})", clients, seconds, await LoopAsync(clients, seconds, async c =>
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(sql.Replace("@account", "$1", StringComparison.Ordinal), conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = accounts[Random.Shared.Next(accounts.Length)] });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }

            return true;
        }));
    }

    /// <summary>
    /// Runs every client until the time is up. Closed loop (no interval): the next request starts when the last
    /// ends. Paced: request n starts at n intervals from the client's start, and its latency is counted from then,
    /// not from when it was sent, so a slow response also counts against the requests it held up (otherwise the
    /// client would quietly send less while the server is slow: "coordinated omission").
    /// </summary>
    private static async Task<List<double>[]> LoopAsync(int clients, int seconds, Func<int, Task<bool>> once, TimeSpan interval = default)
    {
        var start = Stopwatch.GetTimestamp();
        var until = start + (seconds * Stopwatch.Frequency);
        var step = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        var results = new List<double>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = results[c] = [];
            // Paced clients start spread over one interval, as people do, not all at once.
            var due = start + (step * c / clients);
            while (Stopwatch.GetTimestamp() < until)
            {
                if (step > 0 && Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));
                }

                var t = step > 0 ? due : Stopwatch.GetTimestamp();
                if (!await once(c))
                {
                    throw new InvalidOperationException("request failed");
                }

                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                due += step;
            }
        }));
        return results;
    }

    private static int Report(string what, int clients, int seconds, List<double>[] results)
    {
        var all = results.SelectMany(r => r).Order().ToArray();
        double P(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: clients={clients} seconds={seconds} requests={all.Length} rps={all.Length / (double)seconds:0} p50={P(0.50):0.0}ms p95={P(0.95):0.0}ms p99={P(0.99):0.0}ms max={all[^1]:0.0}ms"));
        return 0;
    }
}
