using NetArchTest.Rules;

namespace FoiDesk.Architecture.Tests;

/// <summary>
/// Pages and API endpoints translate HTTP to a capability's method and its result to a response: they neither run
/// SQL (Npgsql, Dapper) nor write audit entries (AuditLog) themselves; the capability does both in its own transaction.
/// </summary>
public sealed class WebRules
{
    /// <summary>
    /// The web types that still do it today. The case workflow (issue 18 item 1, branch h18a) moves the audit calls
    /// into its commands; each entry goes as its type is moved, and an entry that no longer offends fails
    /// <see cref="PagesAndApi_AllowList_HasNoStaleEntry"/> so the list can only shrink.
    /// </summary>
    public static readonly IReadOnlySet<string> StillWritingThemselves = new HashSet<string>(StringComparer.Ordinal)
    {
        "FoiDesk.Web.Api.CaseApi",
        "FoiDesk.Web.Api.QuestionApi",
        "FoiDesk.Web.Api.TriageApi",
        "FoiDesk.Web.Pages.Account.ApiTokensModel",
        "FoiDesk.Web.Pages.Account.CalendarModel",
        "FoiDesk.Web.Pages.Account.ChangePasswordModel",
        "FoiDesk.Web.Pages.Account.SignInModel",
        "FoiDesk.Web.Pages.Account.SignOutModel",
        "FoiDesk.Web.Pages.Calendar.FeedModel",
        "FoiDesk.Web.Pages.Cases.ApprovalModel",
        "FoiDesk.Web.Pages.Cases.CaseModel",
        "FoiDesk.Web.Pages.Cases.RawModel",
        "FoiDesk.Web.Pages.Letters.EditModel",
        "FoiDesk.Web.Pages.MyQuestions.AnswerModel",
        "FoiDesk.Web.Pages.MyQuestions.SocialValueModel",
        "FoiDesk.Web.Pages.Search.IndexModel",
        "FoiDesk.Web.Pages.Teams.IndexModel",
        "FoiDesk.Web.Pages.Triage.HeldModel",
        "FoiDesk.Web.Pages.Triage.IndexModel",
        "FoiDesk.Web.Pages.Triage.RawModel",
    };

    private static readonly string[] Forbidden = ["Npgsql", "Dapper", "FoiDesk.Audit.AuditLog"];

    private static IReadOnlyList<string> Offenders() =>
        [.. Types.InAssembly(Assemblies.Web)
            .That().ResideInNamespaceMatching(@"^FoiDesk\.Web\.(Pages|Api)(\..+)?$")
            .And().HaveDependencyOnAny(Forbidden)
            .GetTypes()
            .Select(t => Assemblies.Declaring(t.FullName!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    [Test]
    public void PagesAndApi_SqlOrAuditWriter_OnlyTheAllowList()
    {
        var offenders = Offenders();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, offenders));
        var unexpected = offenders.Where(t => !StillWritingThemselves.Contains(t));

        Assert.That(unexpected, Is.Empty, "pages or endpoints that run SQL or write audit entries themselves; call the capability instead");
    }

    [Test]
    public void PagesAndApi_AllowList_HasNoStaleEntry()
    {
        var stale = StillWritingThemselves.Except(Offenders());

        Assert.That(stale, Is.Empty, "these no longer run SQL or write audit entries: remove them from the allow-list");
    }
}
