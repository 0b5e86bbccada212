using System.Net;
using System.Net.Sockets;
using System.Text;
using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

/// <summary>
/// An SMTP submission client (RFC 5321, RFC 6409 ports): implicit TLS or STARTTLS, EHLO (HELO fallback), AUTH
/// PLAIN/LOGIN/XOAUTH2, and sending raw message bytes to several recipients with a result per recipient.
/// A 4xx/5xx reply throws <see cref="SmtpCommandException"/> (connection usable unless 421); connection and
/// protocol failures throw <see cref="SmtpProtocolException"/> after disconnecting.
/// </summary>
public sealed partial class SmtpClient : IAsyncDisposable
{
    private readonly MailConnectionOptions _options;
    private MailConnection? _connection;
    private readonly MailCall _call;

    public SmtpClient(MailConnectionOptions? options = null)
    {
        _options = options ?? new MailConnectionOptions();

        // 421 is a refusal, but the server closes the channel with it (RFC 5321 §3.8), so it drops the connection.
        _call = new MailCall(
            "SMTP",
            _options,
            ex => ex is SmtpCommandException { StatusCode: not 421 },
            (message, inner) => new SmtpProtocolException(message, inner),
            DropAsync);
    }

    /// <summary>The name given in EHLO. Null uses the local address as an address literal ("[192.0.2.1]"),
    /// which RFC 5321 §4.1.4 allows when the host has no meaningful name.</summary>
    public string? LocalDomain { get; init; }

    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    public bool IsConnected => _connection is not null;

    public bool IsAuthenticated { get; private set; }

    public bool IsSecure => _connection?.IsSecure ?? false;

    /// <summary>The text of the greeting line (server identity).</summary>
    public string? Greeting { get; private set; }

    public async Task ConnectAsync(string host, int port, MailSecurity security, CancellationToken ct = default)
    {
        EnsureDisconnected();
        var connection = await _call.ConnectAsync(host, port, security == MailSecurity.SslOnConnect, ct);
        await StartAsync(connection, security, ct);
    }

    /// <summary>Runs the protocol over an already-open stream (a scripted server in tests).</summary>
    public Task ConnectAsync(Stream stream, string host, MailSecurity security, CancellationToken ct = default)
    {
        EnsureDisconnected();
        return StartAsync(new MailConnection(stream, host, _options), security == MailSecurity.SslOnConnect ? MailSecurity.None : security, ct);
    }

    /// <summary>AUTH with XOAUTH2 for tokens, PLAIN or else LOGIN for passwords (RFC 4954).</summary>
    public Task AuthenticateAsync(MailCredentials credentials, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                var mechanism = await SaslMechanism.ChooseAsync(credentials, Capabilities.AuthenticationMechanisms, token)
                    ?? throw new NotSupportedException(
                        $"The SMTP server offers no usable AUTH mechanism (it offers: {string.Join(' ', Capabilities.AuthenticationMechanisms)}).");
                await AuthenticateCoreAsync(mechanism, token);
            },
            ct);

    public Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken ct = default) =>
        RunAsync(token => AuthenticateCoreAsync(mechanism, token), ct);

    public Task<SmtpResponse> NoopAsync(CancellationToken ct = default) =>
        RunAsync(token => CommandAsync("NOOP", token), ct);

    /// <summary>QUIT when <paramref name="quit"/> (best effort), then closes the connection.</summary>
    public async Task DisconnectAsync(bool quit = true, CancellationToken ct = default)
    {
        if (_connection is null)
        {
            return;
        }

        if (quit)
        {
            try
            {
                await RunAsync(token => CommandAsync("QUIT", token, throwOnFailure: false), ct);
            }
            catch (Exception ex) when (ex is SmtpProtocolException or SmtpCommandException)
            {
                // QUIT is a courtesy; the server may already have closed.
            }
        }

        await DropAsync();
    }

    public ValueTask DisposeAsync() => DropAsync();

    private async Task StartAsync(MailConnection connection, MailSecurity security, CancellationToken ct)
    {
        _connection = connection;
        await RunAsync(
            async token =>
            {
                var greeting = await SmtpResponse.ReadAsync(_connection, token);
                if (greeting.StatusCode != 220)
                {
                    // RFC 5321 §3.1: 554 (or 421) instead of 220 means no service on this connection.
                    throw new SmtpCommandException("greeting", greeting);
                }

                Greeting = greeting.Text;
                await HelloAsync(token);
                if (security == MailSecurity.StartTls && !Capabilities.StartTls)
                {
                    throw new NotSupportedException("The SMTP server does not offer STARTTLS.");
                }

                if (security is MailSecurity.StartTls or MailSecurity.StartTlsWhenAvailable && Capabilities.StartTls)
                {
                    await CommandAsync("STARTTLS", token);
                    await _connection.UpgradeToTlsAsync(token);

                    // RFC 3207 §4.2: forget everything learnt before TLS and greet again.
                    Capabilities = SmtpCapabilities.None;
                    await HelloAsync(token);
                }
            },
            ct,
            dropOnAnyFailure: true);
    }

    /// <summary>EHLO, falling back to HELO for servers that reject it (RFC 5321 §3.2).</summary>
    private async Task HelloAsync(CancellationToken ct)
    {
        var domain = LocalDomain ?? DefaultLocalDomain();
        var ehlo = await CommandAsync("EHLO " + domain, ct, throwOnFailure: false);
        if (ehlo.StatusCode == 250)
        {
            Capabilities = new SmtpCapabilities(ehlo.Lines.Skip(1));
            return;
        }

        if (ehlo.StatusCode is 421)
        {
            throw new SmtpCommandException("EHLO", ehlo);
        }

        await CommandAsync("HELO " + domain, ct);
        Capabilities = SmtpCapabilities.None;
    }

    private string DefaultLocalDomain() => _connection?.LocalEndPoint is IPEndPoint { } local
        ? local.AddressFamily == AddressFamily.InterNetworkV6 ? "[IPv6:" + local.Address + "]" : "[" + local.Address + "]"
        : "[127.0.0.1]";

    private async Task AuthenticateCoreAsync(SaslMechanism mechanism, CancellationToken ct)
    {
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("The SMTP client is already authenticated.");
        }

        var line = "AUTH " + mechanism.Name;
        SmtpResponse response;
        if (mechanism.HasInitialResponse)
        {
            // RFC 4954 §4: the initial response may follow the mechanism; "=" stands for an empty one.
            var initial = mechanism.Respond([]);
            var encoded = initial.Length == 0 ? "=" : Convert.ToBase64String(initial);
            response = await CommandAsync(line + " " + encoded, ct, throwOnFailure: false, secretFrom: line.Length + 1);
        }
        else
        {
            response = await CommandAsync(line, ct, throwOnFailure: false);
        }

        while (response.StatusCode == 334)
        {
            byte[] challenge;
            try
            {
                challenge = Convert.FromBase64String(response.Lines[0].Trim());
            }
            catch (FormatException ex)
            {
                throw new SmtpProtocolException("The SMTP server sent a SASL challenge that is not base64.", ex);
            }

            response = await CommandAsync(Convert.ToBase64String(mechanism.Respond(challenge)), ct, throwOnFailure: false, secretFrom: 0);
        }

        if (response.StatusCode != 235)
        {
            throw new SmtpCommandException("AUTH " + mechanism.Name, response);
        }

        IsAuthenticated = true;
    }

    /// <summary>Sends one command line and reads its reply.</summary>
    private async Task<SmtpResponse> CommandAsync(string line, CancellationToken ct, bool throwOnFailure = true, int secretFrom = -1)
    {
        await WriteLinesAsync([line], ct, secretFrom);
        var response = await ReadResponseAsync(ct);
        if (throwOnFailure && !response.IsPositive)
        {
            var verb = line.Split(' ', 2)[0];
            throw new SmtpCommandException(verb, response);
        }

        return response;
    }

    private async Task WriteLinesAsync(IReadOnlyList<string> lines, CancellationToken ct, int secretFrom = -1)
    {
        var buffer = new StringBuilder();
        foreach (var line in lines)
        {
            if (secretFrom >= 0)
            {
                _options.Logger?.ClientWithSecret(line, secretFrom);
            }
            else
            {
                _options.Logger?.Client(line);
            }

            buffer.Append(line).Append("\r\n");
        }

        await _connection!.WriteAsync(Encoding.UTF8.GetBytes(buffer.ToString()), ct);
        await _connection.FlushAsync(ct);
    }

    private async Task<SmtpResponse> ReadResponseAsync(CancellationToken ct)
    {
        var response = await SmtpResponse.ReadAsync(_connection!, ct);
        if (response.StatusCode == 421)
        {
            // RFC 5321 §3.8: 421 means the server is closing the channel; nothing more will be accepted.
            throw new SmtpCommandException("(server closing)", response);
        }

        return response;
    }

    private Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken ct, bool dropOnAnyFailure = false) =>
        _call.RunAsync(_connection, operation, ct, dropOnAnyFailure);

    private Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        _call.RunAsync(_connection, operation, ct);

    private async ValueTask DropAsync()
    {
        var connection = _connection;
        _connection = null;
        IsAuthenticated = false;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private void EnsureDisconnected()
    {
        if (_connection is not null)
        {
            throw new InvalidOperationException("The SMTP client is already connected.");
        }
    }
}
