using System.Runtime.CompilerServices;

namespace FoiDesk.Tests;

/// <summary>
/// Finds committed test data beside the test sources (tests/FoiDesk.Tests/...), so fixtures need no copy step and
/// never come from outside the repository.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root() => RootDirectory.Value;

    public static string PathOf(string relative) => Path.Combine(Root(), relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// The source folder of this file; when a CI build maps source paths (/_/...), the nearest folder above the
    /// test binaries that holds FoiDesk.Tests.csproj.
    /// </summary>
    private static string FindRoot()
    {
        var here = SourceDirectory();
        if (File.Exists(Path.Combine(here, "FoiDesk.Tests.csproj")))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FoiDesk.Tests");
            if (File.Exists(Path.Combine(dir.FullName, "FoiDesk.Tests.csproj")))
            {
                return dir.FullName;
            }

            if (File.Exists(Path.Combine(candidate, "FoiDesk.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/FoiDesk.Tests not found from " + AppContext.BaseDirectory);
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile) ?? "";
}
