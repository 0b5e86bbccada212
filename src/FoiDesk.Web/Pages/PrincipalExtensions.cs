using System.Globalization;
using System.Security.Claims;

namespace FoiDesk.Web.Pages;

public static class PrincipalExtensions
{
    /// <summary>The signed-in account's id (the NameIdentifier claim set at sign-in; read by <see cref="Hosting.AccountClaims"/>).</summary>
    public static long AccountId(this ClaimsPrincipal user) => Hosting.AccountClaims.AccountId(user);

    /// <summary>Who did it, as the timeline and audit log name them.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>A London date for display, e.g. "Wednesday 12 March 2025".</summary>
    public static string Long(this DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static string London(this DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, FoiDesk.LondonTime.Zone).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}

public static class TextDisplay
{
    /// <summary>Plain text shown with its line breaks: each line HTML-encoded, joined with &lt;br&gt;.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Lines(string text) =>
        new Microsoft.AspNetCore.Html.HtmlString(string.Join("<br>", text.ReplaceLineEndings("\n").Split('\n').Select(l => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(l))));
}

/// <summary>The one problem a form shows in its error summary, and the id of the field it links to.</summary>
public sealed record ErrorSummary(string Message, string Field);
