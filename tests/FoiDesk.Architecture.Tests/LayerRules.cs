namespace FoiDesk.Architecture.Tests;

/// <summary>What the core and the deadline engine may reference (issue 18 items 2 and 3).</summary>
public sealed class LayerRules
{
    [Test]
    public void Core_ProjectAssets_HaveNoAspNetCoreFramework()
    {
        // The resolved restore graph, so a framework reference brought in by a package or an imported props file
        // counts too. The core is used by the CLI and jobs as well as the web host: ASP.NET Core belongs in the host.
        var assets = Path.Combine(Assemblies.RepositoryRoot, "src", "FoiDesk", "obj", "project.assets.json");
        var text = File.ReadAllText(assets);

        Assert.That(text, Does.Not.Contain("Microsoft.AspNetCore.App"), $"{assets} names the ASP.NET Core shared framework");
    }

    [Test]
    public void Core_ReferencedAssemblies_AreNotAspNetCore()
    {
        var aspNet = Assemblies.Core.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

        Assert.That(aspNet, Is.Empty);
    }

    [Test]
    public void Deadlines_ReferencedAssemblies_AreTheBaseClassLibraryOnly()
    {
        // The base class library is what ships in Microsoft.NETCore.App, the runtime the engine itself runs on.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var outside = Assemblies.Deadlines.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !File.Exists(Path.Combine(runtime, n + ".dll")))
            .ToList();

        Assert.That(outside, Is.Empty, $"FoiDesk.Deadlines references assemblies outside {runtime}");
    }

    [Test]
    public void Deadlines_Types_UseNoOtherFoiDeskNamespace()
    {
        var result = NetArchTest.Rules.Types.InAssembly(Assemblies.Deadlines)
            .Should().NotHaveDependencyOnAny([.. Capabilities.Of([Assemblies.Core]).Where(c => c != "Deadlines").Select(c => $"FoiDesk.{c}")])
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }
}
