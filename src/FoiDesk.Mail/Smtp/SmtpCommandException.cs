using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

/// <summary>
/// The server answered a command with a 4xx or 5xx reply. Unless the reply was 421 (service closing, RFC 5321
/// §3.8) or came with the greeting, the connection is still usable. <see cref="Failure"/> says whether to retry.
/// </summary>
public sealed class SmtpCommandException : Exception
{
    public SmtpCommandException(string command, SmtpResponse response)
        : base($"SMTP {command} failed: {response}")
    {
        Command = command;
        Response = response;
    }

    public SmtpCommandException()
        : this("?", new SmtpResponse { StatusCode = 554, Lines = [] })
    {
    }

    public SmtpCommandException(string message)
        : base(message)
    {
        Command = "?";
        Response = new SmtpResponse { StatusCode = 554, Lines = [message] };
    }

    public SmtpCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        Command = "?";
        Response = new SmtpResponse { StatusCode = 554, Lines = [message] };
    }

    public string Command { get; }

    public SmtpResponse Response { get; }

    public int StatusCode => Response.StatusCode;

    public DeliveryFailure Failure => Response.Failure;
}
