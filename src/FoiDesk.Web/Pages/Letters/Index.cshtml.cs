using FoiDesk.Replies;
using FoiDesk.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Web.Pages.Letters;

/// <summary>One letter in one language, and whether the authority has its own wording of it.</summary>
public sealed record LetterListing(string Letter, LetterLanguage Language, WordingVersion? Latest);

/// <summary>
/// The letters the authority sends, for IG officers to reword. Officers, not admins: the wording of a refusal
/// or a response is FOI practice, which is the IG officers' job; admins look after accounts and the audit log.
/// The legal checks stop any edit that loses a statutory element, and every save is versioned and audited.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(LetterRenderer renderer, LetterWording wording) : PageModel
{
    public IReadOnlyList<LetterListing> Letters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var latest = await wording.LatestAllAsync(ct);
        Letters = [.. renderer.Templates.All
            .OrderBy(t => LetterIds.All.ToList().IndexOf(t.Id)).ThenBy(t => t.Language)
            .Select(t => new LetterListing(t.Id, t.Language, latest.GetValueOrDefault((t.Id, LetterFormat.Code(t.Language)))))];
    }
}
