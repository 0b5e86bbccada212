using System.Reflection;
using NetArchTest.Rules;

namespace FoiDesk.Architecture.Tests;

/// <summary>The capability folders: FoiDesk.X (and FoiDesk.X.Y, which belongs to X), read from the assemblies.</summary>
internal static class Capabilities
{
    public static IReadOnlyList<string> Of(IEnumerable<Assembly> assemblies) =>
        [.. assemblies.SelectMany(a => a.GetTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("FoiDesk.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>Capability to the capabilities it depends on, with the types that do it.</summary>
    public static Dictionary<string, Dictionary<string, List<string>>> Graph(IReadOnlyList<Assembly> assemblies)
    {
        var capabilities = Of(assemblies);
        var graph = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var from in capabilities)
        {
            graph[from] = new(StringComparer.Ordinal);
            foreach (var to in capabilities.Where(c => c != from))
            {
                var users = Types.InAssemblies(assemblies)
                    .That().ResideInNamespaceMatching($@"^FoiDesk\.{from}(\..+)?$")
                    .And().HaveDependencyOn($"FoiDesk.{to}")
                    .GetTypes()
                    .Select(t => Assemblies.Declaring(t.FullName!))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (users.Count > 0)
                {
                    graph[from][to] = users;
                }
            }
        }

        return graph;
    }

    /// <summary>Strongly connected groups of two or more capabilities (Tarjan), each a cycle.</summary>
    public static List<List<string>> Cycles(Dictionary<string, Dictionary<string, List<string>>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph[v].Keys)
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var group = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    group.Add(w);
                }
                while (w != v);
                if (group.Count > 1)
                {
                    groups.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return groups;
    }
}
