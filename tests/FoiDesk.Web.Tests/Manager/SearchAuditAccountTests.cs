using System.Net;
using System.Text.RegularExpressions;
using FoiDesk.Web.Tests.Support;

namespace FoiDesk.Web.Tests.Manager;

public sealed class SearchAuditAccountTests
{
    [Test]
    public async Task Search_QuestionText_FoundAndCommissionerSeesOnlyTheirCases()
    {
        await using var app = await TestWebApp.StartAsync();
        var commissioner = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var (mineId, mine) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Parking", ["How many resident permits were issued in Grays?"]);
        var (_, other) = await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 4), "Transport", ["Which bus routes need resident permits?"]);
        await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 5), "Libraries", ["Which libraries will close?"]);
        await CaseFixtures.ExecuteAsync(app, "update question set assignee_id = @commissioner, status = 'assigned' where case_id = @mineId", new { commissioner, mineId });

        using var officer = await app.ClientAsync("ig-officer");
        var all = await officer.GetStringAsync(new Uri("/search?q=permits", UriKind.Relative));
        using var theirs = await app.ClientAsync("commissioner");
        var scoped = await theirs.GetStringAsync(new Uri("/search?q=permits", UriKind.Relative));

        Assert.That(all, Does.Contain("2 cases found").And.Contain(mine).And.Contain(other).And.Contain("<mark>permits</mark>"));
        Assert.That(scoped, Does.Contain("1 case found").And.Contain(mine).And.Not.Contain(other));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'search'"), Is.EqualTo(2));
    }

    [Test]
    [Description("ts_headline drops tags; whatever text remains is encoded by the page, never rendered as markup.")]
    public async Task Search_HtmlInText_IsNotRendered()
    {
        await using var app = await TestWebApp.StartAsync();
        await CaseFixtures.OpenAsync(app, CaseFixtures.At(2025, 3, 3), "Web", ["Send the <script>alert(1)</script> budget"]);
        using var officer = await app.ClientAsync("manager");

        var page = await officer.GetStringAsync(new Uri("/search?q=budget", UriKind.Relative));

        Assert.That(page, Does.Contain("alert(1)").And.Not.Contain("<script>alert"));
    }

    [TestCase("ig-officer")]
    [TestCase("manager")]
    [TestCase("commissioner")]
    public async Task AuditPage_NotAdmin_IsRefused(string role)
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync(role);

        using var response = await http.GetAsync(new Uri("/admin/audit", UriKind.Relative));

        Assert.That(response.Headers.Location?.ToString(), Does.Contain("access-denied"));
    }

    [Test]
    public async Task AuditPage_Admin_FiltersByActorAndHasNoEditForm()
    {
        await using var app = await TestWebApp.StartAsync();
        using (await app.ClientAsync("manager"))
        {
        }

        using var http = await app.ClientAsync("admin");
        var page = await http.GetStringAsync(new Uri($"/admin/audit?actor={TestWebApp.EmailFor("manager")}", UriKind.Relative));

        Assert.That(page, Does.Contain("sign-in").And.Contain(TestWebApp.EmailFor("manager")).And.Not.Contain(">" + TestWebApp.EmailFor("admin") + "<"));
        Assert.That(page, Does.Not.Contain("method=\"post\" action=\"/admin/audit"));
    }

    [Test]
    public async Task Accounts_AdminCreatesAccount_OneTimePasswordSignsInAndMustBeChanged()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = await app.ClientAsync("admin");
        var form = await http.GetStringAsync(new Uri("/admin/accounts/new", UriKind.Relative));

        using var created = await http.PostAsync(new Uri("/admin/accounts/new", UriKind.Relative), ApprovalPageTests.Form(form,
            ("DisplayName", "Sam Officer"), ("Email", "sam@council.example"), ("SelectedRoles", "ig-officer"), ("SelectedRoles", "manager")));
        var html = await created.Content.ReadAsStringAsync();
        var password = Regex.Match(html, "id=\"one-time-password\"[^>]*>([^<]+)<").Groups[1].Value;

        Assert.That(password, Has.Length.EqualTo(20));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select array_to_string(roles, ',') || ':' || must_change_password from account where email = 'sam@council.example'"), Is.EqualTo("ig-officer,manager:True").Or.EqualTo("ig-officer,manager:true"));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where action = 'account-created'"), Is.EqualTo(1));

        using var sam = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var signIn = await sam.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var signedIn = await sam.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "sam@council.example",
            ["Password"] = password,
            ["__RequestVerificationToken"] = TestWebApp.AntiforgeryToken(signIn),
        }));
        Assert.That(signedIn.Headers.Location?.ToString(), Is.EqualTo("/account/change-password"));
    }

    [Test]
    public async Task Accounts_AdminDisablesAndChangesRoles_Audited()
    {
        await using var app = await TestWebApp.StartAsync();
        var target = await CaseFixtures.AccountIdAsync(app, "commissioner");
        var team = await CaseFixtures.ScalarAsync<long>(app, "insert into team (name) values ('Planning') returning id");
        using var http = await app.ClientAsync("admin");
        var page = await http.GetStringAsync(new Uri($"/admin/accounts/{target}", UriKind.Relative));

        using var saved = await http.PostAsync(new Uri($"/admin/accounts/{target}", UriKind.Relative), ApprovalPageTests.Form(page,
            ("SelectedRoles", "commissioner"), ("SelectedRoles", "manager"), ("SelectedTeams", team.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        using var disabled = await http.PostAsync(new Uri($"/admin/accounts/{target}?handler=Disable", UriKind.Relative), ApprovalPageTests.Form(page, ("disable", "true")));

        Assert.That(await saved.Content.ReadAsStringAsync(), Does.Contain("Roles and teams saved"));
        Assert.That(await CaseFixtures.ScalarAsync<string>(app, "select array_to_string(roles, ',') || ':' || disabled from account where id = @target", new { target }), Does.StartWith("commissioner,manager:").And.EndWith("rue"));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from team_member where account_id = @target and team_id = @team", new { target, team }), Is.EqualTo(1));
        Assert.That(await CaseFixtures.ScalarAsync<long>(app, "select count(*) from audit_event where subject = @subject", new { subject = $"account:{target}" }), Is.EqualTo(3));
        Assert.That((await app.ClientAsync("manager")).BaseAddress, Is.Not.Null);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await app.ClientAsync("commissioner"), "a disabled account cannot sign in");
    }
}
