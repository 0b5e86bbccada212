using FoiDesk.Mail;
using MailKit.Net.Smtp;
using MimeKit;

namespace FoiDesk.Tests.Integration;

/// <summary>Many test messages over one MailKit SMTP connection (the product's sender opens one per message).</summary>
internal sealed class SmtpSubmission(MailConnectionOptions options) : IAsyncDisposable
{
    static SmtpSubmission() => CodePages.Register();

    private readonly SmtpClient _client = new() { Timeout = (int)options.Timeout.TotalMilliseconds, ServerCertificateValidationCallback = options.ServerCertificateValidation };

    public Task ConnectAsync(string host, int port, MailSecurity security) =>
        _client.ConnectAsync(host, port, security switch
        {
            MailSecurity.None => MailKit.Security.SecureSocketOptions.None,
            MailSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
            _ => MailKit.Security.SecureSocketOptions.StartTls,
        });

    public Task AuthenticateAsync(MailCredentials credentials) => _client.AuthenticateAsync(credentials.UserName, credentials.Password ?? "");

    public async Task<SendResult> SendAsync(MailEnvelope envelope, Stream message)
    {
        using var mime = await MimeMessage.LoadAsync(message);
        var response = await _client.SendAsync(mime, MailboxAddress.Parse(envelope.From), envelope.Recipients.Select(MailboxAddress.Parse));
        return new SendResult
        {
            Recipients = [.. envelope.Recipients.Select(r => new RecipientResult { Address = r, Accepted = true, StatusCode = 250, Text = response })],
            Failure = DeliveryFailure.None,
        };
    }

    public Task DisconnectAsync() => _client.DisconnectAsync(quit: true);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
