using System.Globalization;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

public sealed partial class SmtpClient
{
    /// <summary>
    /// Sends raw message bytes (RFC 5322, CRLF or LF line ends) to the envelope recipients. Server refusals come
    /// back in the result (per recipient for RCPT TO; as a whole for MAIL FROM or DATA) with 4xx classified
    /// transient and 5xx permanent. MAIL FROM and the RCPT TOs go in one round trip when the server offers
    /// PIPELINING (RFC 2920). Throws <see cref="SmtpProtocolException"/> only when the connection fails.
    /// </summary>
    public Task<SendResult> SendAsync(MailEnvelope envelope, Stream message, CancellationToken ct = default)
    {
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("The envelope has no recipients.", nameof(envelope));
        }

        if (envelope.Recipients.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A recipient address is empty; only the reverse path may be null.", nameof(envelope));
        }

        foreach (var address in envelope.Recipients.Append(envelope.From))
        {
            ValidateAddress(address);
        }

        return RunAsync(token => SendCoreAsync(envelope, message, token), ct);
    }

    private async Task<SendResult> SendCoreAsync(MailEnvelope envelope, Stream message, CancellationToken ct)
    {
        var international = envelope.Recipients.Append(envelope.From).Any(a => a.Any(c => c > '\u007f'));
        if (international && !Capabilities.SmtpUtf8)
        {
            // RFC 6531 §3.4: a UTF-8 address must not be sent to a server without SMTPUTF8.
            return Refused(envelope, 553, "The server does not support SMTPUTF8, which the non-ASCII addresses need.");
        }

        if (!Capabilities.EightBitMime && message.CanSeek && await SmtpDataWriter.HasEightBitAsync(message, ct))
        {
            // RFC 6152 §3: 8-bit content needs BODY=8BITMIME; it cannot be down-converted at the byte level.
            return Refused(envelope, 554, "The message has 8-bit content and the server does not offer 8BITMIME.");
        }

        var size = message.CanSeek ? message.Length - message.Position : -1;
        if (Capabilities.MaxSize > 0 && size > Capabilities.MaxSize)
        {
            // RFC 1870 §6.2: do not send what the server has already said it will refuse.
            return Refused(envelope, 552, $"The message ({size} bytes) exceeds the server's SIZE limit of {Capabilities.MaxSize}.");
        }

        var mailFrom = "MAIL FROM:<" + envelope.From + ">";
        if (Capabilities.EightBitMime)
        {
            mailFrom += " BODY=8BITMIME";
        }

        if (international)
        {
            mailFrom += " SMTPUTF8";
        }

        if (Capabilities.MaxSize > 0 && size >= 0)
        {
            mailFrom += " SIZE=" + size.ToString(CultureInfo.InvariantCulture);
        }

        var rcpts = envelope.Recipients.Select(r => "RCPT TO:<" + r + ">").ToList();
        SmtpResponse fromReply;
        var rcptReplies = new List<SmtpResponse>();
        if (Capabilities.Pipelining)
        {
            await WriteLinesAsync([mailFrom, .. rcpts], ct);
            fromReply = await ReadResponseAsync(ct);
            foreach (var _ in rcpts)
            {
                rcptReplies.Add(await ReadResponseAsync(ct));
            }
        }
        else
        {
            fromReply = await CommandAsync(mailFrom, ct, throwOnFailure: false);
            if (fromReply.IsPositive)
            {
                foreach (var rcpt in rcpts)
                {
                    rcptReplies.Add(await CommandAsync(rcpt, ct, throwOnFailure: false));
                }
            }
        }

        if (!fromReply.IsPositive)
        {
            await ResetAsync(ct);
            return Refused(envelope, fromReply);
        }

        var recipients = envelope.Recipients.Select((address, i) => ToResult(address, rcptReplies[i])).ToList();
        if (!recipients.Any(r => r.Accepted))
        {
            await ResetAsync(ct);
            return new SendResult
            {
                Recipients = recipients,
                Failure = recipients.Any(r => r.Failure == DeliveryFailure.Transient) ? DeliveryFailure.Transient : DeliveryFailure.Permanent,
                FailureText = "No recipient was accepted.",
            };
        }

        var data = await CommandAsync("DATA", ct, throwOnFailure: false);
        if (data.StatusCode != 354)
        {
            await ResetAsync(ct);
            return Refused(envelope, data);
        }

        var bytes = await SmtpDataWriter.WriteAsync(message, _connection!, ct);
        _options.Logger?.ClientData(bytes);
        var done = await ReadResponseAsync(ct);
        if (!done.IsPositive)
        {
            return Refused(envelope, done);
        }

        return new SendResult { Recipients = recipients, Failure = DeliveryFailure.None, ServerResponse = done.Text };
    }

    /// <summary>RSET after a failed transaction so the connection can carry the next message (RFC 5321 §4.1.1.5).</summary>
    private async Task ResetAsync(CancellationToken ct) => await CommandAsync("RSET", ct, throwOnFailure: false);

    private static RecipientResult ToResult(string address, SmtpResponse reply) => new()
    {
        Address = address,
        Accepted = reply.IsPositive,
        StatusCode = reply.StatusCode,
        EnhancedStatusCode = reply.EnhancedStatusCode,
        Text = reply.Text,
    };

    private static SendResult Refused(MailEnvelope envelope, SmtpResponse reply) => new()
    {
        Recipients = envelope.Recipients.Select(r => ToResult(r, reply) with { Accepted = false }).ToList(),
        Failure = reply.Failure == DeliveryFailure.None ? DeliveryFailure.Transient : reply.Failure,
        FailureText = reply.ToString(),
    };

    private static SendResult Refused(MailEnvelope envelope, int code, string text) =>
        Refused(envelope, new SmtpResponse { StatusCode = code, Lines = [text] });

    // RFC 5321 §4.1.2 Path: no spaces, angle brackets or line breaks inside; an empty reverse path is the null sender.
    private static void ValidateAddress(string address)
    {
        if (address.Any(c => c is '\r' or '\n' or '<' or '>' or ' ' or '\t' or '\0'))
        {
            throw new ArgumentException($"'{address}' is not a valid SMTP envelope address.", nameof(address));
        }
    }
}
