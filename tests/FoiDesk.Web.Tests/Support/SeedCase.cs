using System.Text;
using FoiDesk.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Tests.Support;

/// <summary>Opens the demo case (Thurrock social value request) through real intake, as mail would.</summary>
public static class SeedCase
{
    public const string DemoMessage = "demo/mail/000-thurrock-social-value-request.eml";

    /// <param name="variant">Null for the message as it is; otherwise a copy with its own Message-ID, so intake opens another case.</param>
    /// <returns>The new case's reference.</returns>
    public static async Task<string> OpenAsync(TestWebApp app, string? variant = null)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, DemoMessage));
        if (variant is not null)
        {
            var text = Encoding.Latin1.GetString(bytes);
            bytes = Encoding.Latin1.GetBytes(text.Replace("Message-ID: <", $"Message-ID: <{variant}.", StringComparison.OrdinalIgnoreCase));
        }

        var outcome = await app.Services.GetRequiredService<IntakeProcessor>()
            .ProcessAsync(new SourceMessage("test", $"{variant}{Path.GetFileName(DemoMessage)}", bytes, app.Time.GetUtcNow()), CancellationToken.None);
        return outcome.CaseReference ?? throw new InvalidOperationException($"demo message did not open a case: {outcome.Route} {outcome.Reason}");
    }
}
