using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Accounts;

/// <summary>The accounts capability's services, for the web host and the CLI alike.</summary>
public static class AccountsComposition
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // FoiDesk:Auth:PasswordIterations: PBKDF2 iterations for new hashes (issue 16; the tests use fewer for speed).
        var iterations = configuration.GetValue("FoiDesk:Auth:PasswordIterations", AccountService.DefaultIterations);
        if (iterations < 1)
        {
            throw new InvalidOperationException($"FoiDesk:Auth:PasswordIterations must be at least 1 (was {iterations})");
        }

        services.AddSingleton(sp => new AccountService(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), iterations));
        services.AddSingleton<AccountAdmin>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<ApiTokenStore>();
        return services;
    }
}
