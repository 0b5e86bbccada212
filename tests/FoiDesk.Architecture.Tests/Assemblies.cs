using System.Reflection;
using FoiDesk.Cases;
using FoiDesk.Deadlines;
using FoiDesk.Web.Hosting;

namespace FoiDesk.Architecture.Tests;

/// <summary>The assemblies the rules look at, and the repository they were built from.</summary>
internal static class Assemblies
{
    public static Assembly Core { get; } = typeof(CaseStore).Assembly;

    public static Assembly Deadlines { get; } = typeof(DeadlineEngine).Assembly;

    public static Assembly Web { get; } = typeof(FoiDeskServices).Assembly;

    public static IReadOnlyList<Assembly> All { get; } = [Core, Deadlines, Web];

    /// <summary>The checkout the tests were built from (the directory holding FoiDesk.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FoiDesk.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("FoiDesk.sln not found above the test directory");
        }
    }

    /// <summary>A compiler-generated nested type (closure, state machine) stands for the type that declares it.</summary>
    public static string Declaring(string fullName)
    {
        var cut = fullName.IndexOfAny(['/', '+']);
        return cut < 0 ? fullName : fullName[..cut];
    }
}
