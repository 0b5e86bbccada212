using FoiDesk.Database;
using FoiDesk.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FoiDesk.Web.Cli;

/// <summary>
/// Builds the services a verb runs with. Database verbs use the same configuration as 'serve' (appsettings,
/// then environment): the configured server, or the data directory's private cluster, started for the
/// duration of the verb if no server has it running. Pending migrations are applied first.
/// </summary>
public static class CliServices
{
    public static async Task<(IServiceProvider Services, IAsyncDisposable Lifetime)> BuildAsync(bool needsDatabase, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(FoiDeskOptions.Section).Get<FoiDeskOptions>() ?? new FoiDeskOptions();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Verbs print JSON on stdout; logs go to stderr and only when something is wrong, unless an operator
        // asks for more under Logging:Cli (e.g. Logging__Cli__LogLevel__FoiDesk.Intake=Information).
        services.AddLogging(l => l.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            .AddConfiguration(configuration.GetSection("Logging:Cli")));

        if (!needsDatabase)
        {
            services.AddSingleton(TimeProvider.System);
            services.AddOptions<FoiDeskOptions>().Bind(configuration.GetSection(FoiDeskOptions.Section));
            var plain = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            return (plain, plain);
        }

        using var loggers = LoggerFactory.Create(l => l.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        var database = await DatabaseStartup.StartAsync(configuration.GetConnectionString("FoiDesk"), options, loggers, asServer: false, ct);
        try
        {
            services.AddFoiDeskCore(configuration, database.ConnectionString);
            // Validated as built: a service some verb needs that cannot be made fails here, before any verb runs,
            // and the options are checked as the web host checks them at start-up (ValidateOnStart).
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            provider.GetService<IStartupValidator>()?.Validate();
            await provider.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationRunner.Load(options.ResolvedMigrationsDirectory), ct);
            return (provider, new Lifetime(provider, database));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private sealed class Lifetime(ServiceProvider provider, DatabaseStartup database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await provider.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
