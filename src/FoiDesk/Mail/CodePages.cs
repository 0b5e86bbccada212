using System.Runtime.CompilerServices;
using System.Text;

namespace FoiDesk.Mail;

/// <summary>
/// .NET ships only the Unicode encodings and Latin-1 by default; mail still arrives in ISO-8859-8, ISO-2022-JP,
/// windows-125x, GB2312 and the like. Registering the code pages provider lets MimeKit decode them. It must
/// happen before MimeKit's first charset lookup, which builds and caches its charset table (so even creating
/// a MailboxAddress too early loses them for the life of the process): hence a module initializer, which runs
/// before any code of this assembly.
/// </summary>
public static class CodePages
{
#pragma warning disable CA2255 // Deliberate: the registration must precede MimeKit's first use anywhere in the process.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
