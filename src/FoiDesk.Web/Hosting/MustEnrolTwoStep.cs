namespace FoiDesk.Web.Hosting;

/// <summary>
/// An administrator requires two-step verification of this account and it has not enrolled: it can do nothing
/// but enrol (or choose a new password first, or sign out) until it has (issue 16, MFA).
/// </summary>
public sealed class MustEnrolTwoStep(RequestDelegate next)
{
    public const string Claim = "must_enrol_two_step";

    public const string EnrolPath = "/account/two-step";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(Claim, "true")
            && !path.StartsWithSegments(EnrolPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/sign-out", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/govuk", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(EnrolPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
