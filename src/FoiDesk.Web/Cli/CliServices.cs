using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Web.Cli;

/// <summary>Builds the services a verb runs with. Database verbs get the same configuration as 'serve'.</summary>
public static class CliServices
{
    public static Task<(IServiceProvider Services, IAsyncDisposable Lifetime)> BuildAsync(bool needsDatabase, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        var provider = services.BuildServiceProvider();
        return Task.FromResult<(IServiceProvider, IAsyncDisposable)>((provider, provider));
    }
}
