using System.Runtime.CompilerServices;

namespace FoiDesk.Tests.Mail;

/// <summary>The copied mail corpus (TestData/mail-corpus, see its MANIFEST.md) as test cases.</summary>
internal static class Corpus
{
    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mail-corpus");

    /// <summary>The source folder of this file, for golden files that UPDATE_GOLDEN=1 rewrites.</summary>
    public static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Every message file, as a path relative to the corpus root ("alaveteli/messages/x.eml").</summary>
    public static IEnumerable<string> MessageFiles()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "TestData", "mail-corpus");
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(IsMessage)
            .Order(StringComparer.Ordinal);
    }

    public static bool IsMessage(string relative) =>
        !relative.StartsWith("LICENSES/", StringComparison.Ordinal)
        && !relative.StartsWith("mailkit-protocol/", StringComparison.Ordinal)
        && relative is not ("MANIFEST.md" or "SHA256SUMS")
        && !relative.EndsWith(".json", StringComparison.Ordinal)
        && !relative.EndsWith(".expected", StringComparison.Ordinal);

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    /// <summary>A leaf's decoded content.</summary>
    public static byte[] Decoded(MimeKit.MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        return buffer.ToArray();
    }
}
