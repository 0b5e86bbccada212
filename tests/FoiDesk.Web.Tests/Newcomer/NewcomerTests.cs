using System.Diagnostics;
using FoiDesk.Accounts;
using MimeKit;
using FoiDesk.Tests.Support;
using FoiDesk.Web.Tests.Browser;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Newcomer;

/// <summary>
/// FoiDesk the way a newcomer meets it: the checkout's own ops/run on an empty data directory, the passwords
/// read from what it printed, and everything after that through the pages in Chromium. The only other things
/// touched are the folders a person would use: the seed email is copied into the inbox folder, and the outbox
/// (pickup) and disclosure log folders are read. Then Ctrl-C (SIGINT to the process group) and SIGTERM, each
/// followed by a fresh start and a sign-in, and at the end nothing that ops/run started may be left running.
/// </summary>
[Category("browser")]
[NonParallelizable]
public sealed class NewcomerTests
{
    private const string SeedSubject = "Social Care Value Act 2012";
    private const string TeamName = "Children and families commissioning";
    private const string WrittenAnswer = "Yes. Social value is considered at the pre-procurement stage for all four services.";

    // The first ops/run builds the service (dotnet publish) on a machine shared with other suites.
    private static readonly TimeSpan FirstStart = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan LaterStart = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Stop = TimeSpan.FromMinutes(2);

    private string _data = "";
    private int _port;
    private OpsRun? _run;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _shot;
    private int _leftAfterRun;

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        Assert.That(File.Exists(BrowserFixture.ChromiumPath), Is.True, "run ops/lib/install-browser.sh");
        _data = Path.Combine(Path.GetTempPath(), $"foidesk-newcomer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_data);
        _port = OpsRun.FreePort();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = BrowserFixture.ChromiumArgs,
        });
    }

    [TearDown]
    public async Task StopOpsRunAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
            // Whatever a failed run left (a postmaster whose FoiDesk was killed): asked to stop fast.
            foreach (var left in _run.Leftovers())
            {
                using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", "INT", left.Split(':')[0] }, UseShellExecute = false })!;
                await kill.WaitForExitAsync();
            }

            await _run.WaitAllGoneAsync(TimeSpan.FromSeconds(30));
            _leftAfterRun = _run.Leftovers().Count;
            _run = null;
        }
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Directory.Exists(_data) && _leftAfterRun == 0)
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Test]
    public async Task Newcomer_OpsRunOnEmptyDataDirectory_SignsInFollowsTheSeedRequestToTheDisclosureLogAndRestarts()
    {
        // 1. ops/run on an empty data directory, as README says; the first start prints the passwords.
        _run = OpsRun.Start(_data, _port);
        await _run.WaitHealthyAsync(FirstStart);
        var adminPassword = StartOutput.AdminPassword(_run.Output);
        var demo = StartOutput.DemoAccounts(_run.Output);
        Assert.That(adminPassword, Is.Not.Null, $"the admin's one-time password is printed:{Environment.NewLine}{_run.OutputText}");
        var officer = demo.First(a => a.Role == Roles.IgOfficer);
        var commissioner = demo.First(a => a.Role == Roles.Commissioner);
        var manager = demo.First(a => a.Role == Roles.Manager);

        // 2. The admin signs in with the one-time password, chooses a new one, and sees the admin start page.
        var newAdminPassword = $"newcomer-{Guid.NewGuid():N}";
        var admin = await SignInAsync(FirstStartAdmin, adminPassword!);
        Assert.That(new Uri(admin.Url).AbsolutePath, Is.EqualTo("/account/change-password"), "a one-time password leads to choosing a new one");
        await ShotAsync(admin, "admin-change-password");
        await admin.GetByLabel("New password", new() { Exact = true }).FillAsync(newAdminPassword);
        await admin.GetByLabel("Confirm new password").FillAsync(newAdminPassword);
        await BrowserFixture.NavigateAsync(admin, admin.GetByRole(AriaRole.Button, new() { Name = "Save password" }));
        await admin.GotoAsync("/");
        Assert.That(new Uri(admin.Url).AbsolutePath, Is.EqualTo("/admin/accounts"));
        Assert.That(await admin.Locator("h1").InnerTextAsync(), Is.EqualTo("Accounts"));
        await ShotAsync(admin, "admin-start");
        await admin.Context.CloseAsync();

        // 3. Each demo role signs in with its printed password and lands where its work is.
        foreach (var (account, start, heading) in new[] { (officer, "/triage", "Triage"), (commissioner, "/my-questions", "My questions"), (manager, "/dashboard", "Dashboard") })
        {
            var page = await SignInAsync(account.Email, account.Password);
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo(start), $"{account.Role}'s start page");
            Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo(heading));
            await ShotAsync(page, $"start-{account.Role}");
            await page.Context.CloseAsync();
        }

        // 4. The seed request goes into the inbox folder, as someone saving an email there would; the officer
        // follows the case it opens. (With demo data on, the first start dropped the same email already: the
        // copy is the same message, so the case is the one it opened either way.)
        var inbox = Path.Combine(_data, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        File.Copy(Path.Combine(ProcessRunner.RepositoryRoot, "demo", "mail", "000-thurrock-social-value-request.eml"), Path.Combine(inbox, "newcomer-thurrock-request.eml"), overwrite: true);
        var desk = await SignInAsync(officer.Email, officer.Password);
        var reference = await AwaitTriageAsync(desk);
        await ShotAsync(desk, "triage-queue");
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }));
        var questions = QuestionTable(desk).Locator("tbody tr");
        Assert.That(await questions.CountAsync(), Is.EqualTo(7), "the request's seven numbered questions");
        var numbers = (await questions.Locator("th").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
        var questionTexts = new List<string>();
        for (var i = 0; i < numbers.Count; i++)
        {
            questionTexts.Add(await questions.Nth(i).Locator("td").First.InnerTextAsync());
        }

        var svNumber = numbers[questionTexts.FindIndex(t => t.Contains("weighting", StringComparison.OrdinalIgnoreCase))];
        await ShotAsync(desk, "case-new");
        await desk.GetByLabel("Freedom of Information (FOIA)", new() { Exact = true }).CheckAsync();
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Confirm classification" }));
        Assert.That(await desk.Locator("#case-status").InnerTextAsync(), Does.Contain("open"));
        await ShotAsync(desk, "case-confirmed");

        // A team with the demo commissioner in it (made here unless the demo data has it already).
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Link, new() { Name = "Teams", Exact = true }));
        if (await desk.GetByRole(AriaRole.Table, new() { Name = $"Members of {TeamName}" }).CountAsync() == 0)
        {
            await desk.GetByLabel("Team name", new() { Exact = true }).FillAsync(TeamName);
            await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Add team", Exact = true }));
        }

        var members = desk.GetByRole(AriaRole.Table, new() { Name = $"Members of {TeamName}" });
        if (!(await members.CountAsync() > 0 && (await members.InnerTextAsync()).Contains(commissioner.Email, StringComparison.OrdinalIgnoreCase)))
        {
            await desk.GetByLabel($"Add someone to {TeamName} by email address").FillAsync(commissioner.Email);
            await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = $"Add to {TeamName}", Exact = true }));
        }

        Assert.That(await members.InnerTextAsync(), Does.Contain(commissioner.Email).IgnoreCase);
        await ShotAsync(desk, "teams");

        // Every question to the team's queue; the commissioner claims them.
        await desk.GotoAsync($"/cases/{reference}");
        foreach (var number in numbers)
        {
            var details = desk.Locator("details").Filter(new() { Has = desk.GetByText($"Change question {number}", new() { Exact = true }) });
            await details.Locator("summary").ClickAsync();
            await details.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = TeamName });
            await BrowserFixture.NavigateAsync(desk, details.GetByRole(AriaRole.Button, new() { Name = $"Assign question {number}" }));
        }

        foreach (var number in numbers)
        {
            Assert.That(await QuestionRow(desk, number).Locator("td").Nth(1).InnerTextAsync(), Is.EqualTo(TeamName), $"question {number}'s team");
        }

        Assert.That(await desk.Locator("#timeline").InnerTextAsync(), Does.Contain($"Questions {numbers[0]}-{numbers[^1]} assigned to {TeamName}"), "the timeline says it in a sentence");
        await ShotAsync(desk, "case-assigned");
        await desk.Context.CloseAsync();

        // 5. The commissioner answers: the weighting question from the social value monitoring data, question 1
        // in words, and the rest briefly; each is submitted, which hands it back to the officer for approval.
        var cam = await SignInAsync(commissioner.Email, commissioner.Password);
        Assert.That(new Uri(cam.Url).AbsolutePath, Is.EqualTo("/my-questions"));
        await ShotAsync(cam, "my-questions");
        foreach (var number in numbers)
        {
            await BrowserFixture.NavigateAsync(cam, cam.GetByRole(AriaRole.Button, new() { Name = $"Claim {reference} question {number}" }));
            Assert.That(await cam.Locator("h1").InnerTextAsync(), Is.EqualTo($"Question {number}"));
            if (number == svNumber)
            {
                await BrowserFixture.NavigateAsync(cam, cam.GetByRole(AriaRole.Link, new() { Name = "Insert a social value answer from the monitoring data" }));
                await cam.GetByLabel("What the question asks").SelectOptionAsync(new SelectOptionValue { Label = "Weighting in evaluation" });
                await cam.GetByLabel("Service group").SelectOptionAsync(new SelectOptionValue { Label = "All four groups" });
                await BrowserFixture.NavigateAsync(cam, cam.GetByRole(AriaRole.Button, new() { Name = "Show the figures" }));
                Assert.That(await cam.Locator(".govuk-inset-text table tbody tr").CountAsync(), Is.GreaterThan(0), "figures from the monitoring data");
                await ShotAsync(cam, "social-value-figures");
                await BrowserFixture.NavigateAsync(cam, cam.GetByRole(AriaRole.Button, new() { Name = "Insert into the answer" }));
                Assert.That(await cam.GetByLabel("Answer", new() { Exact = true }).InputValueAsync(), Does.Contain("|"), "the table is in the answer");
                await ShotAsync(cam, "answer-social-value");
            }
            else
            {
                await cam.GetByLabel("Answer", new() { Exact = true }).FillAsync(number == numbers[0] ? WrittenAnswer : $"Question {number}: this is set out in each service specification.");
                if (number == numbers[0])
                {
                    await ShotAsync(cam, "answer-written");
                }
            }

            await BrowserFixture.NavigateAsync(cam, cam.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }));
            Assert.That(new Uri(cam.Url).AbsolutePath, Is.EqualTo("/my-questions"), $"question {number} submitted");
        }

        await ShotAsync(cam, "my-questions-submitted");
        await cam.Context.CloseAsync();

        // 6. The officer chooses the disclosure log, approves and sends; the response reaches the outbox folder.
        desk = await SignInAsync(officer.Email, officer.Password);
        await desk.GotoAsync($"/cases/{reference}");
        Assert.That(await desk.Locator("#next-action").InnerTextAsync(), Does.Contain("Approve the reply"), "the next action once every answer is in");
        await ShotAsync(desk, "case-answered");
        await BrowserFixture.NavigateAsync(desk, desk.Locator("#next-action a"));
        Assert.That(new Uri(desk.Url).AbsolutePath, Is.EqualTo($"/cases/{reference}/approval"));
        await ShotAsync(desk, "approval");
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Approve the reply" }));
        var outbox = Path.Combine(_data, "mail", "outbox");
        var before = ResponsesIn(outbox, reference).Count;
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Send the reply" }));
        await ShotAsync(desk, "sent");
        var sent = await WaitForAsync(() => ResponsesIn(outbox, reference).Where(t => t.Contains(WrittenAnswer, StringComparison.Ordinal)).ToList(), r => r.Count > before, TimeSpan.FromMinutes(3));
        Assert.That(sent, Is.Not.Empty, "the response, with the written answer, is in the outbox folder");

        // Once sent, the officer chooses the disclosure log: choosing starts a publishing run at once, where a
        // choice made before sending waits for the 15-minute run (what the README says).
        await desk.GotoAsync($"/cases/{reference}");
        await desk.Locator("#secondary-publication summary").ClickAsync();
        await BrowserFixture.NavigateAsync(desk, desk.GetByRole(AriaRole.Button, new() { Name = "Publish this response in the disclosure log" }));
        var published = await WaitForAsync(() => PublishedFiles(reference), f => f.Count > 0, TimeSpan.FromMinutes(3));
        Assert.That(published, Is.Not.Empty, "a disclosure log file names the case");
        await desk.Context.CloseAsync();

        // 7. Ctrl-C: the whole process group gets SIGINT; FoiDesk and its PostgreSQL stop cleanly.
        await StopAndCheckAsync("INT");
        await StartAgainAsync();

        // After the restart the case page still says where its response was published.
        desk = await SignInAsync(officer.Email, officer.Password);
        await desk.GotoAsync($"/cases/{reference}");
        await desk.Locator("#secondary-publication summary").ClickAsync();
        Assert.That(await desk.Locator("#publication-state").InnerTextAsync(), Does.StartWith("Published in the disclosure log"));
        await ShotAsync(desk, "case-published");
        await desk.Context.CloseAsync();

        // 8. SIGTERM (a service manager's stop), start again, the admin signs in with the new password.
        await StopAndCheckAsync("TERM");
        await StartAgainAsync();
        admin = await SignInAsync(FirstStartAdmin, newAdminPassword);
        Assert.That(new Uri(admin.Url).AbsolutePath, Is.EqualTo("/admin/accounts"));
        await ShotAsync(admin, "admin-after-restarts");
        await admin.Context.CloseAsync();
        await StopAndCheckAsync("INT");
    }

    private const string FirstStartAdmin = "admin@foidesk.local";

    private async Task StopAndCheckAsync(string signal)
    {
        var exit = await _run!.StopAsync(signal, Stop);
        var left = await _run.WaitAllGoneAsync(TimeSpan.FromSeconds(30));
        Assert.That(left, Is.Empty, $"nothing ops/run started outlives SIG{signal}");
        Assert.That(exit, Is.Zero, $"ops/run ends cleanly on SIG{signal}:{Environment.NewLine}{string.Join(Environment.NewLine, _run.Output.TakeLast(30))}");
        Assert.That(Directory.EnumerateFiles(_data, "postmaster.pid", SearchOption.AllDirectories), Is.Empty, "the embedded PostgreSQL was shut down");
    }

    private async Task StartAgainAsync()
    {
        await _run!.DisposeAsync();
        _run = OpsRun.Start(_data, _port);
        await _run.WaitHealthyAsync(LaterStart);
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _run!.BaseAddress.ToString(),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await BrowserFixture.NavigateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        Assert.That(new Uri(page.Url).AbsolutePath, Does.Not.StartWith("/sign-in"), $"{email} signed in: {await page.Locator("main").InnerTextAsync()}");
        return page;
    }

    /// <summary>The triage queue, reloaded until the seed request's case is in it (intake polls the inbox every 15 seconds).</summary>
    private static async Task<string> AwaitTriageAsync(IPage page)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await page.GotoAsync("/triage");
            var rows = page.GetByRole(AriaRole.Table, new() { Name = "New requests awaiting triage, oldest first" }).Locator("tbody tr", new() { HasText = SeedSubject });
            if (await rows.CountAsync() > 0)
            {
                return (await rows.Last.Locator("th").InnerTextAsync()).Trim();
            }

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(3)), "the seed request reached the triage queue");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }

    private static ILocator QuestionTable(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "The questions, who is answering them, and where they stand" });

    private static ILocator QuestionRow(IPage page, string number) => QuestionTable(page).Locator($"tbody tr:has(th:text-is('{number}'))");

    /// <summary>The text of each message in the outbox folder about the case, decoded as a mail client would.</summary>
    private static List<string> ResponsesIn(string outbox, string reference) =>
        !Directory.Exists(outbox) ? [] :
        [
            .. Directory.EnumerateFiles(outbox, "*.eml").Select(path =>
            {
                using var message = MimeMessage.Load(path);
                // Letters are wrapped at 72 columns: compare words, not line breaks.
                return string.Join(' ', $"{message.Subject}\n{message.TextBody}".Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }).Where(t => t.Contains(reference, StringComparison.Ordinal)),
        ];

    private List<string> PublishedFiles(string reference)
    {
        var log = Path.Combine(_data, "disclosure-log");
        return !Directory.Exists(log) ? [] :
            [.. Directory.EnumerateFiles(log, "*", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains(reference, StringComparison.Ordinal))];
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            value = read();
        }

        return value;
    }

    private async Task ShotAsync(IPage page, string name) =>
        await BrowserFixture.ScreenshotAsync(page, $"newcomer-{++_shot:D2}-{name}");
}
