using System.Globalization;

namespace FoiDesk.Mail;

/// <summary>Thrown when a message exceeds one of the <see cref="MailLimits"/>. The message names the limit and its value.</summary>
public sealed class MailLimitException : Exception
{
    public MailLimitException()
    {
    }

    public MailLimitException(string message)
        : base(message)
    {
    }

    public MailLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal static MailLimitException Exceeded(string limit, long value) =>
        new($"mail limit exceeded: {limit} ({value.ToString(CultureInfo.InvariantCulture)})");
}
