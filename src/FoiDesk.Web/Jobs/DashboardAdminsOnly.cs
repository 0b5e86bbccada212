using FoiDesk.Accounts;
using Hangfire.Dashboard;

namespace FoiDesk.Web.Jobs;

/// <summary>
/// Hangfire's own check on /admin/jobs, behind the endpoint's admin policy: signed in, and an administrator.
/// (Hangfire's default lets any local request in, which behind a proxy would be everyone.)
/// </summary>
public sealed class DashboardAdminsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(Roles.Admin);
}
