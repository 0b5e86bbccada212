using System.Runtime.CompilerServices;

namespace FoiDesk.Tests;

/// <summary>
/// Finds committed test data beside the test sources (tests/FoiDesk.Tests/...), so fixtures need no copy step and
/// never come from outside the repository.
/// </summary>
internal static class TestFiles
{
    public static string Root([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;

    public static string PathOf(string relative) => Path.Combine(Root(), relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
