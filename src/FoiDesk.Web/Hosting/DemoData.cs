using FoiDesk.Accounts;
using FoiDesk.SocialValue;

namespace FoiDesk.Web.Hosting;

/// <summary>
/// Demo data for a first start: an account for each role, and the seed request dropped into the inbox.
/// </summary>
public static class DemoData
{
    public static string CredentialsFile(FoiDeskOptions options) => Path.Combine(options.FullDataDirectory, "demo-accounts.txt");

    public static readonly IReadOnlyList<(string Email, string Name, string[] Roles)> Accounts =
    [
        ("officer@demo.foidesk.local", "Iris Officer (IG)", [Roles.IgOfficer]),
        ("commissioner@demo.foidesk.local", "Cam Commissioner", [Roles.Commissioner]),
        ("commissioner2@demo.foidesk.local", "Chris Commissioner", [Roles.Commissioner]),
        ("manager@demo.foidesk.local", "Morgan Manager", [Roles.Manager]),
    ];

    public static async Task SeedAsync(IServiceProvider services, FoiDeskOptions options, TextWriter console, CancellationToken ct)
    {
        var accounts = services.GetRequiredService<AccountService>();
        // One random password for the demo accounts, kept in an owner-only file in the data directory so
        // later starts can point to it. Demo data only: real deployments set DemoData=false.
        var password = AccountService.GeneratePassword(16);
        foreach (var (email, name, roles) in Accounts)
        {
            await accounts.CreateAsync(email, name, password, roles, mustChangePassword: false, ct);
        }

        var file = CredentialsFile(options);
        await File.WriteAllLinesAsync(file, [
            "FoiDesk demo accounts (demo data; delete them before real use)",
            .. Accounts.Select(a => $"{a.Email}\t{string.Join(',', a.Roles)}\t{password}"),
        ], ct);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // The seed request arrives in the drop-folder inbox; the intake job opens its case.
        var demoMail = Path.Combine(AppContext.BaseDirectory, "demo", "mail");
        if (Directory.Exists(demoMail))
        {
            Directory.CreateDirectory(options.InboxDirectory);
            foreach (var eml in Directory.EnumerateFiles(demoMail, "*.eml"))
            {
                File.Copy(eml, Path.Combine(options.InboxDirectory, Path.GetFileName(eml)), overwrite: true);
            }
        }

        await console.WriteLineAsync($"  Demo accounts (password {password}): {string.Join(", ", Accounts.Select(a => a.Email))}");
        await console.WriteLineAsync($"  They are also listed in {file}.");
        if (await SocialValueDemo.SeedAsync(services, ct) is { } sv)
        {
            await console.WriteLineAsync($"  Social value sample (fictional Wexbridge County Council) imported: {sv.Counts["contracts"].Inserted} contracts, {sv.Counts["returns"].Inserted} returns.");
        }

        await console.WriteLineAsync("");
    }
}
