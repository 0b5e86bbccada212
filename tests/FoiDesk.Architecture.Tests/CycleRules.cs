using System.Text;

namespace FoiDesk.Architecture.Tests;

/// <summary>No two capability folders of the core (with the deadline engine) may depend on each other, directly or round a loop.</summary>
public sealed class CycleRules
{
    [Test]
    public void CapabilityFolders_Dependencies_FormNoCycle()
    {
        var graph = Capabilities.Graph([Assemblies.Core, Assemblies.Deadlines]);
        var cycles = Capabilities.Cycles(graph);
        foreach (var (from, edges) in graph.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"{from} -> {string.Join(", ", edges.Keys.Order(StringComparer.Ordinal))}");
        }

        var report = new StringBuilder();
        foreach (var group in cycles)
        {
            report.AppendLine($"cycle: {string.Join(" <-> ", group)}");
            foreach (var from in group)
            {
                foreach (var (to, users) in graph[from].Where(e => group.Contains(e.Key)))
                {
                    report.AppendLine($"  {from} -> {to}: {string.Join(", ", users.Take(4))}{(users.Count > 4 ? ", ..." : "")}");
                }
            }
        }

        Assert.That(cycles, Is.Empty, report.ToString());
    }

    [Test]
    public void CapabilityFolders_Graph_SeesKnownEdges()
    {
        // Guards the rule above against passing because it saw nothing: Cases does use the deadline engine.
        var graph = Capabilities.Graph([Assemblies.Core, Assemblies.Deadlines]);

        Assert.That(graph["Cases"].Keys, Does.Contain("Deadlines"));
    }
}
