using FoiDesk.Accounts;
using FoiDesk.Demo;
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
        // Each demo account has its own random password (one shared password would let anyone who saw one
        // sign in as every role), kept in an owner-only file in the data directory so later starts can point
        // to it. Demo data is off in the product's defaults; ops/run turns it on.
        var credentials = new List<(string Email, string Roles, string Password)>();
        foreach (var (email, name, roles) in Accounts)
        {
            var password = AccountService.GeneratePassword(16);
            await accounts.CreateAsync(email, name, password, roles, mustChangePassword: false, ct);
            credentials.Add((email, string.Join(',', roles), password));
        }

        var file = CredentialsFile(options);
        await File.WriteAllLinesAsync(file, [
            "FoiDesk demo accounts (demo data; delete them before real use)",
            .. credentials.Select(c => $"{c.Email}\t{c.Roles}\t{c.Password}"),
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

        // One line per account, "email  role  password: pw": the newcomer test reads them back from ops/run's output.
        await console.WriteLineAsync($"  Demo accounts (each has its own password; also listed in {file}):");
        foreach (var (email, roles, password) in credentials)
        {
            await console.WriteLineAsync($"    {email}  {roles}  password: {password}");
        }

        // A year of the council's requests in every state, so the dashboard, statistics and search have content.
        var year = await new DemoYear(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), accounts, services.GetRequiredService<TimeProvider>())
            .SeedAsync(DemoYear.DefaultSeed, DemoYear.DefaultCount, ct);
        await console.WriteLineAsync($"  A year of demo requests: {year.Cases} cases ({year.Answered} answered), {year.Teams} teams, {year.Commissioners} commissioners.");
        if (await SocialValueDemo.SeedAsync(services, ct) is { } sv)
        {
            await console.WriteLineAsync($"  Social value sample (fictional Wexbridge County Council) imported: {sv.Counts["contracts"].Inserted} contracts, {sv.Counts["returns"].Inserted} returns.");
        }

        await console.WriteLineAsync("");
    }
}
