using FoiDesk.Accounts;

namespace FoiDesk.Web.Tests.Browser;

/// <summary>axe-core on each main page: no serious or critical violations (WCAG 2.2 AA is the public sector bar).</summary>
[Category("browser")]
[NonParallelizable]
public sealed class AccessibilityTests
{
    private BrowserFixture _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _browser = await BrowserFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [TestCase("/sign-in", null)]
    [TestCase("/cases", Roles.IgOfficer)]
    [TestCase("/account/api-tokens", Roles.Manager)]
    [TestCase("/account/change-password", Roles.Commissioner)]
    [TestCase("/access-denied", Roles.Commissioner)]
    public async Task Page_Axe_NoSeriousOrCriticalViolations(string path, string? role)
    {
        var page = role is null ? await _browser.NewPageAsync(bypassCsp: true) : await _browser.SignInAsync(role, bypassCsp: true);
        await page.GotoAsync(path);

        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);

        Assert.That(violations, Is.Empty, $"axe-core on {path}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Test]
    [Description("The check must be able to fail: a text field with no label is a critical violation (WCAG 4.1.2).")]
    public async Task AccessibilityViolations_UnlabelledField_Reported()
    {
        var page = await _browser.SignInAsync(Roles.IgOfficer, bypassCsp: true);
        await page.GotoAsync("/cases");
        await page.EvaluateAsync("() => document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text', id: 'unlabelled' }))");

        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);

        Assert.That(violations, Has.Some.StartsWith("label (critical)").And.Contains("#unlabelled"));
    }
}
