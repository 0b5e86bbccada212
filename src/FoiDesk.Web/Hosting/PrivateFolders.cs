namespace FoiDesk.Web.Hosting;

/// <summary>
/// The data directory holds raw mail from the public, letters waiting to go and (embedded mode) the database:
/// personal data that other local users must not read (security review, Low; UK GDPR Art. 32). The mail
/// folders are owner-only (0700). The data directory loses every read and write bit for group and others; in
/// embedded mode run as root the PostgreSQL user keeps the search bit EmbeddedPostgres grants so it can reach
/// its cluster inside, which lets it pass through but not list anything. This holds in every database mode.
/// </summary>
public static class PrivateFolders
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupAndOthersReadWrite =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Creates the folder if needed and makes it owner-only, whatever it was before.</summary>
    public static void OwnerOnlyFolder(string path)
    {
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary>The data directory and its mail folders, as the host needs them.</summary>
    public static void Secure(FoiDeskOptions options)
    {
        Directory.CreateDirectory(options.FullDataDirectory, OwnerOnly);
        File.SetUnixFileMode(options.FullDataDirectory, File.GetUnixFileMode(options.FullDataDirectory) & ~GroupAndOthersReadWrite);
        OwnerOnlyFolder(Path.GetDirectoryName(options.InboxDirectory)!);
        OwnerOnlyFolder(options.InboxDirectory);
        OwnerOnlyFolder(options.ProcessedDirectory);
        OwnerOnlyFolder(options.OutboxDirectory);
    }
}
