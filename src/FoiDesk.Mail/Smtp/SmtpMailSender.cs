using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

/// <summary>
/// <see cref="IMailSender"/> over SMTP: one connection per message (connect, authenticate, send, QUIT), so a
/// broken connection never leaks into the next send. Connection and protocol failures are reported as transient;
/// an authentication refusal keeps its server classification (535 is permanent: fix the credentials).
/// </summary>
public sealed class SmtpMailSender(MailServerEndpoint endpoint, MailConnectionOptions? options = null, string? localDomain = null) : IMailSender
{
    public async Task<SendResult> SendAsync(MailEnvelope envelope, Stream message, CancellationToken ct)
    {
        await using var client = new SmtpClient(options) { LocalDomain = localDomain };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
            if (endpoint.Credentials is not null)
            {
                await client.AuthenticateAsync(endpoint.Credentials, ct);
            }

            var result = await client.SendAsync(envelope, message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return result;
        }
        catch (SmtpCommandException ex)
        {
            return Failed(envelope, ex.Failure == DeliveryFailure.None ? DeliveryFailure.Transient : ex.Failure, ex.Message, ex.StatusCode);
        }
        catch (SmtpProtocolException ex)
        {
            return Failed(envelope, DeliveryFailure.Transient, ex.Message, 0);
        }
        catch (NotSupportedException ex)
        {
            // Missing STARTTLS or AUTH mechanism: configuration, not luck, so retrying will not help.
            return Failed(envelope, DeliveryFailure.Permanent, ex.Message, 0);
        }
    }

    private static SendResult Failed(MailEnvelope envelope, DeliveryFailure failure, string text, int code) => new()
    {
        Recipients = envelope.Recipients
            .Select(r => new RecipientResult { Address = r, Accepted = false, StatusCode = code, Text = text })
            .ToList(),
        Failure = failure,
        FailureText = text,
    };
}
