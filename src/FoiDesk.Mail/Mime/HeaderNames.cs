using System.Text;

namespace FoiDesk.Mail.Mime;

/// <summary>Interns the common header field names so parsing a header block does not allocate a string per name.</summary>
internal static class HeaderNames
{
    private static readonly string[] Known =
    [
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References", "Reply-To",
        "Sender", "Return-Path", "Received", "MIME-Version", "Mime-Version", "Content-Type", "Content-Transfer-Encoding",
        "Content-Disposition", "Content-ID", "Content-Id", "Content-Description", "X-Mailer", "DKIM-Signature",
        "Authentication-Results", "X-Originating-IP", "Thread-Topic", "Thread-Index", "Importance", "X-Priority",
        "Content-Language", "Auto-Submitted", "Delivered-To", "X-Spam-Status", "List-Unsubscribe", "Precedence",
    ];

    private static readonly Dictionary<int, string[]> ByLength = Known.GroupBy(k => k.Length).ToDictionary(g => g.Key, g => g.ToArray());

    public static string Get(ReadOnlySpan<byte> name)
    {
        if (ByLength.TryGetValue(name.Length, out var candidates))
        {
            foreach (var c in candidates)
            {
                if (Matches(name, c))
                {
                    return c;
                }
            }
        }

        return Encoding.ASCII.GetString(name);
    }

    private static bool Matches(ReadOnlySpan<byte> name, string candidate)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != candidate[i])
            {
                return false;
            }
        }

        return true;
    }
}
