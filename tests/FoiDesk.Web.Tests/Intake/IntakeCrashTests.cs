using Dapper;
using FoiDesk.Tests.Database;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Tests.Hosting;
using Npgsql;

namespace FoiDesk.Web.Tests.Intake;

/// <summary>
/// Exactly-once intake under a crash: the real binary ('intake run-once') is killed with SIGKILL mid-batch and
/// run again until the drop folder is empty. A kill between the commit and the file move re-reads that file,
/// which the raw store recognises, so nothing is stored twice and nothing is lost.
/// </summary>
[Category("integration")]
public sealed class IntakeCrashTests
{
    private const int Count = 200;
    private string _dataDirectory = "";

    [SetUp]
    public void SetUp() => _dataDirectory = Path.Combine(Path.GetTempPath(), "foidesk-crash-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Test]
    public async Task RunOnce_KilledMidBatchThenRerun_EveryRequestOpenedExactlyOnce()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var inbox = Path.Combine(_dataDirectory, "mail", "inbox");
        var processed = Path.Combine(_dataDirectory, "mail", "processed");
        RequestMail.WriteDropFolder(inbox, Count, new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__FoiDesk"] = connectionString,
            ["FoiDesk__DataDirectory"] = _dataDirectory,
            ["FoiDesk__DemoData"] = "false",
        };
        await using var db = NpgsqlDataSource.Create(connectionString);

        long casesAtKill;
        await using (var first = HostProcess.Start(env, "intake", "run-once"))
        {
            await using var conn = await db.OpenConnectionAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (await conn.ExecuteScalarAsync<long>("select count(*) from foi_case") < 10)
            {
                Assert.That(first.HasExited, Is.False, "the run ended before it could be killed:\n" + first.Output);
                await Task.Delay(20, deadline.Token);
            }

            using (var process = System.Diagnostics.Process.GetProcessById(first.Id))
            {
                process.Kill(); // SIGKILL: no shutdown hooks, no finally blocks, an open transaction is abandoned
                await process.WaitForExitAsync(deadline.Token);
            }

            casesAtKill = await conn.ExecuteScalarAsync<long>("select count(*) from foi_case");
        }

        Assert.That(casesAtKill, Is.LessThan(Count), "killed mid-batch");
        for (var run = 0; run < 5 && Directory.EnumerateFiles(inbox, "*.eml").Any(); run++)
        {
            var (exit, _, stderr) = await HostProcess.RunCliAsync(env, "intake", "run-once");
            Assert.That(exit, Is.Zero, stderr);
        }

        await using var check = await db.OpenConnectionAsync();
        Assert.That(Directory.EnumerateFiles(inbox, "*.eml"), Is.Empty);
        Assert.That(Directory.EnumerateFiles(processed, "*.eml").Count(), Is.EqualTo(Count));
        Assert.That(await check.ExecuteScalarAsync<long>("select count(*) from raw_email"), Is.EqualTo(Count));
        Assert.That(await check.ExecuteScalarAsync<long>("select count(*) from incoming_message where route = 'request'"), Is.EqualTo(Count));
        Assert.That(await check.ExecuteScalarAsync<long>("select count(*) from foi_case"), Is.EqualTo(Count));
        Assert.That(await check.ExecuteScalarAsync<long>("select count(distinct request_text) from foi_case"), Is.EqualTo(Count), "none opened twice");
        var questions = await check.ExecuteScalarAsync<long>("select count(*) from question");
        Assert.That(questions, Is.EqualTo(Enumerable.Range(1, Count).Sum(RequestMail.QuestionCount)));
    }
}
