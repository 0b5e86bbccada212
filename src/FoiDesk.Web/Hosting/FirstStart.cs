using FoiDesk.Accounts;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// On the first start of an empty database: an admin account with a one-time password, printed to the
/// console only (never logged), and the demo data when enabled.
/// </summary>
public static class FirstStart
{
    public const string AdminEmail = "admin@foidesk.local";

    public static async Task RunAsync(IServiceProvider services, FoiDeskOptions options, TextWriter console, CancellationToken ct)
    {
        var accounts = services.GetRequiredService<AccountService>();
        var password = AccountService.GeneratePassword();
        if (!await accounts.TryCreateFirstAdminAsync(AdminEmail, password, ct))
        {
            await console.WriteLineAsync($"Sign in with your FoiDesk account (first admin: {AdminEmail}).");
            if (File.Exists(DemoData.CredentialsFile(options)))
            {
                await console.WriteLineAsync($"Demo accounts are listed in {DemoData.CredentialsFile(options)}.");
            }

            return;
        }

        await console.WriteLineAsync("");
        await console.WriteLineAsync("  First start: an administrator account was created.");
        await console.WriteLineAsync($"    email:              {AdminEmail}");
        await console.WriteLineAsync($"    one-time password:  {password}");
        await console.WriteLineAsync("  You will be asked to choose a new password when you sign in. This password is shown only once.");
        await console.WriteLineAsync("");

        if (options.DemoData)
        {
            await DemoData.SeedAsync(services, options, console, ct);
        }
    }
}
