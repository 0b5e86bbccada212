using System.Security.Claims;
using FoiDesk.Approval;

namespace FoiDesk.Web.Hosting;

/// <summary>The signed-in user as the API endpoints name them; the claim is read by <see cref="AccountClaims"/> alone.</summary>
public static class UserExtensions
{
    public static long AccountId(this ClaimsPrincipal user) => AccountClaims.AccountId(user);

    public static Actor ApprovalActor(this ClaimsPrincipal user) => new(user.AccountId(), user.Identity?.Name ?? "unknown");
}
