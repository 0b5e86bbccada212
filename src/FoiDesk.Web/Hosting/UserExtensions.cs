using System.Security.Claims;
using FoiDesk.Approval;

namespace FoiDesk.Web.Hosting;

/// <summary>The signed-in user as the audit log and timeline name them.</summary>
public static class UserExtensions
{
    /// <summary>The user acting through the web pages.</summary>
    public static Actor ApprovalActor(this ClaimsPrincipal user) => user.ActorVia("web");

    /// <summary>The user acting through <paramref name="via"/> (web, api, cli), as the audit entry records it.</summary>
    public static Actor ActorVia(this ClaimsPrincipal user, string via) => new(user.AccountId(), user.Identity?.Name ?? "unknown", via);
}
