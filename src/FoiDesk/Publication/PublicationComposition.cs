using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Publication;

/// <summary>The disclosure log. Its default directory is under the host's data directory, which the host fills in.</summary>
public static class PublicationComposition
{
    public static IServiceCollection AddPublication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DisclosureLogOptions>().Bind(configuration.GetSection(DisclosureLogOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "the disclosure log needs a directory (FoiDesk:DisclosureLog:Directory)")
            .ValidateOnStart();
        services.AddSingleton<DisclosureLog>();
        return services;
    }
}
