namespace FoiDesk.Mail.Smtp;

/// <summary>
/// The connection failed or the server broke the protocol (I/O error, timeout, malformed reply). The client has
/// disconnected; a retry needs a new connection. For delivery purposes this is a transient failure.
/// </summary>
public sealed class SmtpProtocolException : Exception
{
    public SmtpProtocolException()
    {
    }

    public SmtpProtocolException(string message)
        : base(message)
    {
    }

    public SmtpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
