using System.Text.Json;
using FoiDesk.Accounts;
using FoiDesk.SocialValue.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.SocialValue;

/// <summary>
/// The social value import log, newest first: CSV/XLSX imports and the scheduled monitoring platform sync (source
/// kind "api"). The same people who answer for the figures quoted in FOI replies may see where they came from:
/// information governance officers and administrators.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.IgOfficer)]
public sealed class ImportsModel(SocialValueImporter importer) : PageModel
{
    public IReadOnlyList<ImportLogEntry> Imports { get; private set; } = [];

    /// <summary>The newest failed runs of the scheduled sync; they imported nothing, so they have no import row.</summary>
    public IReadOnlyList<FailedSyncEntry> FailedSyncs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Imports = await importer.ListImportsAsync(ct);
        FailedSyncs = await importer.ListFailedSyncsAsync(20, ct);
    }

    public static string SourceKindName(string kind) => kind switch
    {
        "api" => "Monitoring platform sync",
        "xlsx" => "Workbook (XLSX)",
        _ => "CSV export",
    };

    /// <summary>The outcome in words: rows inserted, updated and unchanged over every table the import touched.</summary>
    public static string Outcome(ImportLogEntry entry)
    {
        var counts = JsonSerializer.Deserialize<Dictionary<string, TableCounts>>(entry.Counts, JsonSerializerOptions.Web) ?? [];
        var (inserted, updated, unchanged) = (counts.Values.Sum(c => c.Inserted), counts.Values.Sum(c => c.Updated), counts.Values.Sum(c => c.Unchanged));
        return $"Imported: {inserted} new, {updated} updated, {unchanged} unchanged";
    }
}
