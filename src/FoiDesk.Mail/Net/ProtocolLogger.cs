using System.Globalization;
using System.Text;

namespace FoiDesk.Mail.Net;

/// <summary>
/// Writes a protocol transcript ("C: ..." for client, "S: ..." for server lines) to a <see cref="TextWriter"/>.
/// Clients pass secrets (passwords, SASL responses, OAuth tokens) separately so the log shows "********" instead;
/// message content (literals, DATA) is summarised by size because FOI correspondence carries personal data.
/// </summary>
public sealed class ProtocolLogger
{
    public const string Mask = "********";

    private readonly TextWriter _writer;
    private readonly object _gate = new();

    public ProtocolLogger(TextWriter writer)
    {
        _writer = writer;
    }

    public void Client(string line) => Write("C: ", line);

    public void Server(string line) => Write("S: ", line);

    /// <summary>Logs a client line whose tail (from <paramref name="secretStart"/>) is a credential.</summary>
    public void ClientWithSecret(string line, int secretStart)
    {
        var visible = secretStart <= 0 ? string.Empty : line[..Math.Min(secretStart, line.Length)];
        Write("C: ", visible + Mask);
    }

    public void ClientData(long bytes) => Write("C: ", string.Create(CultureInfo.InvariantCulture, $"<{bytes} bytes of message data>"));

    public void ServerData(long bytes) => Write("S: ", string.Create(CultureInfo.InvariantCulture, $"<{bytes} bytes of literal data>"));

    public void Note(string text) => Write("-- ", text);

    private void Write(string prefix, string text)
    {
        var trimmed = text.TrimEnd('\r', '\n');
        var sb = new StringBuilder(prefix.Length + trimmed.Length);
        sb.Append(prefix).Append(trimmed);
        lock (_gate)
        {
            _writer.WriteLine(sb.ToString());
            _writer.Flush();
        }
    }
}
