using Dapper;
using FoiDesk.SocialValue.Answers;
using FoiDesk.SocialValue.Import;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FoiDesk.SocialValue;

/// <summary>Service registration and first-start demo data for the social value capability.</summary>
public static class SocialValueDemo
{
    /// <summary>The fictional sample shipped beside the binary (demo/social-value-sample).</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "demo", "social-value-sample");

    public static IServiceCollection AddSocialValue(this IServiceCollection services) =>
        services.AddSingleton<SocialValueImporter>().AddSingleton<SocialValueAnswers>();

    /// <summary>
    /// Imports the fictional Wexbridge sample if no social value data is stored yet. Returns the import
    /// result, or null when data was already there (or the sample is not beside the binary).
    /// </summary>
    public static async Task<ImportResult?> SeedAsync(IServiceProvider services, CancellationToken ct, string? directory = null)
    {
        directory ??= SampleDirectory;
        if (!Directory.Exists(directory))
        {
            return null;
        }

        await using (var conn = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct))
        {
            if (await conn.ExecuteScalarAsync<bool>("select exists (select 1 from sv_contract) or exists (select 1 from sv_import)"))
            {
                return null;
            }
        }

        var result = await services.GetRequiredService<SocialValueImporter>().ImportDirectoryAsync(directory, "demo-data", null, ct);
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"the demo social value sample did not import: {string.Join("; ", result.Errors.Take(5))}");
    }
}
