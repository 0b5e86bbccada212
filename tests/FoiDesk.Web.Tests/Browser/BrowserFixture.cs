using System.Text.Json;
using FoiDesk.Web.Tests.Support;
using Microsoft.Playwright;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>
/// The real app (TestWebApp, with the demo case opened through intake) and Debian's Chromium driven by
/// Playwright. Playwright's own browser download cannot work here, so it launches /usr/bin/chromium; if that
/// is missing the fixture throws, and every browser test fails rather than passing unseen.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps trying Google's hosts, which this machine's
    // closed network refuses many at a time. Playwright adds a fresh temporary --user-data-dir per launch
    // (and refuses one passed in Args), so no profile carries over between runs.
    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private BrowserFixture(TestWebApp app, string caseReference, IPlaywright playwright, IBrowser browser)
    {
        App = app;
        CaseReference = caseReference;
        Playwright = playwright;
        Browser = browser;
    }

    public TestWebApp App { get; }

    /// <summary>The case opened from demo/mail/000-thurrock-social-value-request.eml.</summary>
    public string CaseReference { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);

    /// <summary>axe-core, copied beside the tests from Browser/node_modules by the test project's build.</summary>
    public static string AxePath => Path.Combine(AppContext.BaseDirectory, "Browser", "axe.min.js");

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root (git-ignored), for people and CI to look at.</summary>
    public static string ScreenshotDirectory => Path.Combine(FoiDesk.Tests.Support.ProcessRunner.RepositoryRoot, "artifacts", "screenshots");

    /// <param name="now">Where the app's clock starts (TestWebApp's default when null); the demo case arrives then.</param>
    public static async Task<BrowserFixture> StartAsync(DateTimeOffset? now = null)
    {
        if (!File.Exists(AxePath))
        {
            throw new InvalidOperationException($"{AxePath} is missing: run ops/lib/install-browser.sh (npm ci in tests/FoiDesk.Web.Tests/Browser)");
        }

        var app = await TestWebApp.StartAsync(now);
        try
        {
            return await LaunchAsync(app, await SeedCase.OpenAsync(app));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Chromium on an app a test has already started and seeded (with its own case); the fixture then owns the app
    /// and disposes it. On failure the app is left to the caller.
    /// </summary>
    public static async Task<BrowserFixture> LaunchAsync(TestWebApp app, string caseReference)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ops/lib/install-browser.sh (apt-get install chromium)");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return new BrowserFixture(app, caseReference, playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser context (its own cookies) on the sign-in page.</summary>
    /// <param name="bypassCsp">Only for injecting axe-core: Playwright adds it as an inline script, which our CSP rightly blocks.</param>
    public async Task<IPage> NewPageAsync(bool bypassCsp = false, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            BaseURL = App.BaseAddress.ToString(),
            BypassCSP = bypassCsp,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: other suites build and test on the same two cores, and a slow page is not a failure here.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page signed in as the test account holding the role. The first sign-in per role goes through the real
    /// form; later ones reuse its cookies, as the sign-in form is rate limited per address (10 posts a minute).
    /// </summary>
    /// <param name="throughForm">Always use the form (for tests of sign-in itself).</param>
    public async Task<IPage> SignInAsync(string role, bool bypassCsp = false, bool throughForm = false)
    {
        if (!throughForm && _sessions.TryGetValue(role, out var state))
        {
            var reused = await NewPageAsync(bypassCsp, state);
            await reused.GotoAsync("/");
            return reused;
        }

        var page = await SignInThroughFormAsync(TestWebApp.EmailFor(role), bypassCsp);
        _sessions[role] = await page.Context.StorageStateAsync();
        return page;
    }

    /// <summary>A fresh page signed in through the real form as any account with the test password.</summary>
    public async Task<IPage> SignInThroughFormAsync(string email, bool bypassCsp = false)
    {
        var page = await NewPageAsync(bypassCsp);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestWebApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Clicks something that loads a new page (a link or a form's button) and waits for that page.</summary>
    /// <remarks>Playwright's RunAndWaitForNavigationAsync is obsolete; a form posting back to its own URL defeats WaitForURLAsync.</remarks>
    public static async Task NavigateAsync(IPage page, ILocator target)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Saves a full-page screenshot to artifacts/screenshots/NAME.png and attaches it to the current test.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    /// <summary>
    /// Runs axe-core on the page and returns its serious and critical violations, one readable line each
    /// (rule, impact, help, and the first few offending elements).
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString() ?? "")];
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}
