namespace FoiDesk.Mail.Imap;

/// <summary>
/// The server refused a command with a tagged NO or BAD (RFC 9051 §7.1.2-3). The connection is still in a
/// known state and can be used for further commands.
/// </summary>
public sealed class ImapCommandException : Exception
{
    public ImapCommandException(string command, ImapResponse response)
        : base($"IMAP {command} failed: {response.Status.ToString().ToUpperInvariant()} {(response.Code is null ? string.Empty : "[" + response.Code.Name + "] ")}{response.Text}")
    {
        Command = command;
        Response = response;
    }

    public ImapCommandException()
        : this("?", new ImapResponse { Tag = "?", Status = ImapStatus.Bad, Text = string.Empty })
    {
    }

    public ImapCommandException(string message)
        : base(message)
    {
        Command = "?";
        Response = new ImapResponse { Tag = "?", Status = ImapStatus.Bad, Text = message };
    }

    public ImapCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        Command = "?";
        Response = new ImapResponse { Tag = "?", Status = ImapStatus.Bad, Text = message };
    }

    /// <summary>The command name (LOGIN, SELECT, UID MOVE ...).</summary>
    public string Command { get; }

    public ImapResponse Response { get; }
}
