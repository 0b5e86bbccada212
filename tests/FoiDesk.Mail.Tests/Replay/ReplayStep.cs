using System.Text;

namespace FoiDesk.Mail.Tests.Replay;

/// <summary>One exchange of a scripted server: the exact bytes the client must send, then the server's answer.
/// An empty command means the server speaks first (greeting) or again without being asked (IDLE news).</summary>
public sealed record ReplayStep(string Command, byte[] Response)
{
    public static string DataRoot => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mailkit-protocol");

    /// <summary>A recorded response from the MailKit corpus. The files are stored with LF; servers sent CRLF,
    /// and literal lengths count CRLF, so LF becomes CRLF here as in MailKit's own harness.</summary>
    public static ReplayStep File(string command, string relativePath)
    {
        var raw = System.IO.File.ReadAllBytes(Path.Combine(DataRoot, relativePath));
        return new ReplayStep(command, ToCrLf(raw));
    }

    public static ReplayStep Text(string command, string response) => new(command, Encoding.UTF8.GetBytes(response));

    public static byte[] ToCrLf(byte[] raw)
    {
        var output = new List<byte>(raw.Length + 64);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
            {
                output.Add((byte)'\r');
            }

            output.Add(raw[i]);
        }

        return output.ToArray();
    }
}
