using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FoiDesk.Mail;

/// <summary>
/// <see cref="IMailSender"/> over MailKit's <see cref="SmtpClient"/>: one connection per message (connect,
/// authenticate, send, QUIT), so a broken connection never leaks into the next send. Each recipient's reply is
/// kept (RFC 5321 3.3: a RCPT may be refused while others are accepted). Connection and protocol failures are
/// transient; an authentication refusal or a missing TLS/AUTH capability is permanent (fix the configuration).
/// </summary>
public sealed class SmtpMailSender(MailServerEndpoint endpoint, MailConnectionOptions? options = null) : IMailSender
{
    private readonly MailConnectionOptions _options = options ?? new MailConnectionOptions();

    static SmtpMailSender() => CodePages.Register();

    public async Task<SendResult> SendAsync(MailEnvelope envelope, Stream message, CancellationToken ct)
    {
        // The stored bytes are parsed (MimeKit keeps every header and body byte it read) and written back
        // unchanged: RecordingSmtpClient does not "prepare" (re-encode) them.
        using var mime = await MimeMessage.LoadAsync(message, ct);
        using var client = new RecordingSmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        if (_options.ServerCertificateValidation is { } validate)
        {
            client.ServerCertificateValidationCallback = validate;
        }

        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, MailSecurityOptions.For(endpoint.Security), ct);
            if (endpoint.Credentials is not null)
            {
                await MailSecurityOptions.AuthenticateAsync(client, endpoint.Credentials, ct);
            }

            var sender = envelope.From.Length == 0 ? new MailboxAddress("", "") : MailboxAddress.Parse(envelope.From);
            var response = await client.SendAsync(mime, sender, [.. envelope.Recipients.Select(MailboxAddress.Parse)], ct);
            await client.DisconnectAsync(quit: true, ct);
            var recipients = envelope.Recipients.Select(r => client.Results.TryGetValue(r.ToLowerInvariant(), out var result) ? result
                : new RecipientResult { Address = r, Accepted = true, StatusCode = 250, Text = response }).ToList();
            return new SendResult { Recipients = recipients, Failure = DeliveryFailure.None, ServerResponse = response };
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            var failure = SendResult.Classify(code);
            if (ex.ErrorCode == SmtpErrorCode.MessageNotAccepted && client.Results.Values.Any(r => !r.Accepted) && client.Results.Values.All(r => !r.Accepted))
            {
                // Every RCPT was refused; MailKit then reports 554 for the whole, but the recipients' own codes
                // say whether to retry (a 450 mailbox busy is worth retrying, a 550 is not).
                failure = client.Results.Values.Any(r => r.Failure == DeliveryFailure.Transient) ? DeliveryFailure.Transient : DeliveryFailure.Permanent;
            }

            return Failed(envelope, client, failure == DeliveryFailure.None ? DeliveryFailure.Transient : failure, ex.Message, code);
        }
        catch (AuthenticationException ex)
        {
            return Failed(envelope, client, DeliveryFailure.Permanent, ex.Message, 535);
        }
        catch (NotSupportedException ex)
        {
            // Missing STARTTLS or AUTH mechanism: configuration, not luck, so retrying will not help.
            return Failed(envelope, client, DeliveryFailure.Permanent, ex.Message, 0);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException or SslHandshakeException or ServiceNotConnectedException)
        {
            return Failed(envelope, client, DeliveryFailure.Transient, ex.Message, 0);
        }
    }

    private static SendResult Failed(MailEnvelope envelope, RecordingSmtpClient client, DeliveryFailure failure, string text, int code) => new()
    {
        Recipients = [.. envelope.Recipients.Select(r => client.Results.TryGetValue(r.ToLowerInvariant(), out var refused) && !refused.Accepted ? refused
            : new RecipientResult { Address = r, Accepted = false, StatusCode = code, Text = text })],
        Failure = failure,
        FailureText = text,
    };
}
