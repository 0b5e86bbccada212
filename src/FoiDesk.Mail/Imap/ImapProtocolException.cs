namespace FoiDesk.Mail.Imap;

/// <summary>
/// The connection failed or the server broke the protocol (I/O error, timeout, malformed response, BYE).
/// The client has already disconnected; reconnect before retrying.
/// </summary>
public sealed class ImapProtocolException : Exception
{
    public ImapProtocolException()
    {
    }

    public ImapProtocolException(string message)
        : base(message)
    {
    }

    public ImapProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
