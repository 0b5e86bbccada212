using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiDesk.Architecture.Tests;

/// <summary>A type's simple name says what it is, once: two types of the same name force qualified names and confuse readers.</summary>
public sealed class NameRules
{
    [Test]
    public void TypeNames_AcrossAssemblies_AreDefinedOnce()
    {
        var twice = Assemblies.All
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested
                && t.Namespace?.StartsWith("FoiDesk", StringComparison.Ordinal) == true
                && !t.IsDefined(typeof(CompilerGeneratedAttribute), false)
                && !t.Name.Contains('<', StringComparison.Ordinal)
                // Razor's convention: each folder's page model is IndexModel, RawModel..., told apart by the page's path.
                && !typeof(PageModel).IsAssignableFrom(t))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();

        Assert.That(twice, Is.Empty);
    }
}
