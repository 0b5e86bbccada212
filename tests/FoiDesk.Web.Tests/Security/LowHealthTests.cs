using System.Text.Json;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Security;

/// <summary>Security review, Low: anonymous /health must not return exception text, versions or paths.</summary>
public sealed class LowHealthTests
{
    // Old code: anonymous callers got "PostgreSQL 17.x" (the server version), "drop folder /tmp/..." (a path)
    // and, when a check failed, the exception's message.
    [Test]
    public async Task Low_Health_AnonymousGetsStatesOnlyAdminGetsDetail()
    {
        await using var app = await TestWebApp.StartAsync();
        using var anonymous = await app.ClientAsync(null);
        using var admin = await app.ClientAsync("admin");
        using var officer = await app.ClientAsync("ig-officer");

        // The test host runs no scheduler, so /health answers 503 (down); the body is what is checked.
        var forAnyone = await (await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync();
        var forOfficer = await (await officer.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync();
        var forAdmin = await (await admin.GetAsync(new Uri("/health", UriKind.Relative))).Content.ReadAsStringAsync();

        foreach (var body in new[] { forAnyone, forOfficer })
        {
            using var json = JsonDocument.Parse(body);
            var components = json.RootElement.GetProperty("components").EnumerateObject().ToList();
            Assert.That(components.Select(c => c.Name), Is.EquivalentTo(new[] { "database", "migrations", "scheduler", "mailbox" }));
            Assert.That(components.SelectMany(c => c.Value.EnumerateObject().Select(p => p.Name)).Distinct(), Is.EqualTo(new[] { "state" }));
            Assert.That(body, Does.Not.Contain("PostgreSQL").And.Not.Contain("/"));
        }

        Assert.That(forAdmin, Does.Contain("PostgreSQL").And.Contain("\"detail\""));
    }
}
