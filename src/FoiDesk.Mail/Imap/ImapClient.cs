using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Imap;

/// <summary>
/// An IMAP4rev2/IMAP4rev1 client (RFC 9051, RFC 3501) for the subset FoiDesk needs: connect with TLS or STARTTLS,
/// log in (LOGIN, AUTHENTICATE PLAIN/LOGIN/XOAUTH2), SELECT/EXAMINE, UID SEARCH, streamed UID FETCH of whole
/// messages, UID STORE, UID MOVE (or its COPY fallback) and IDLE. One command at a time; every call has a timeout.
/// A tagged NO/BAD throws <see cref="ImapCommandException"/> and leaves the connection usable; anything that breaks
/// the connection throws <see cref="ImapProtocolException"/> after disconnecting.
/// </summary>
public sealed partial class ImapClient : IAsyncDisposable
{
    private readonly MailConnectionOptions _options;
    private MailConnection? _connection;
    private ImapStream? _stream;
    private readonly MailCall _call;

    public ImapClient(MailConnectionOptions? options = null)
    {
        _options = options ?? new MailConnectionOptions();
        _call = new MailCall(
            "IMAP",
            _options,
            ex => ex is ImapCommandException,
            (message, inner) => new ImapProtocolException(message, inner),
            DropAsync);
    }

    /// <summary>RFC 2177 §3: servers may drop an idle client after 30 minutes, so IDLE is re-issued before that.</summary>
    public TimeSpan IdleRestartInterval { get; init; } = TimeSpan.FromMinutes(29);

    public ImapCapabilities Capabilities { get; private set; } = ImapCapabilities.None;

    public bool IsConnected => _connection is not null;

    public bool IsAuthenticated { get; private set; }

    public bool IsSecure => _connection?.IsSecure ?? false;

    /// <summary>The selected mailbox, kept current by EXISTS/EXPUNGE responses; null when none is selected.</summary>
    public ImapFolderInfo? SelectedFolder => _selected?.Snapshot();

    /// <summary>Connects over TCP. Port 993 conventionally pairs with <see cref="MailSecurity.SslOnConnect"/>,
    /// 143 with <see cref="MailSecurity.StartTls"/>.</summary>
    public async Task ConnectAsync(string host, int port, MailSecurity security, CancellationToken ct = default)
    {
        EnsureDisconnected();
        var connection = await _call.ConnectAsync(host, port, security == MailSecurity.SslOnConnect, ct);
        await StartAsync(connection, security, ct);
    }

    /// <summary>Runs the protocol over an already-open stream (a proxy tunnel, or a scripted server in tests).</summary>
    public Task ConnectAsync(Stream stream, string host, MailSecurity security, CancellationToken ct = default)
    {
        EnsureDisconnected();
        return StartAsync(new MailConnection(stream, host, _options), security == MailSecurity.SslOnConnect ? MailSecurity.None : security, ct);
    }

    /// <summary>Authenticates with the best mechanism for the credentials: XOAUTH2 for tokens; AUTHENTICATE PLAIN,
    /// else the LOGIN command, for passwords.</summary>
    public Task AuthenticateAsync(MailCredentials credentials, CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                var mechanism = await SaslMechanism.ChooseAsync(credentials, Capabilities.AuthenticationMechanisms, token);
                if (mechanism is not null && (mechanism is not SaslLogin || Capabilities.LoginDisabled))
                {
                    await AuthenticateCoreAsync(mechanism, token);
                }
                else if (credentials.AccessTokenProvider is not null)
                {
                    throw new NotSupportedException("The IMAP server does not offer AUTH=XOAUTH2.");
                }
                else
                {
                    await LoginCoreAsync(credentials.UserName, credentials.Password ?? string.Empty, token);
                }
            },
            ct);

    /// <summary>AUTHENTICATE with an explicit SASL mechanism (RFC 9051 §6.2.2).</summary>
    public Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken ct = default) =>
        RunAsync(token => AuthenticateCoreAsync(mechanism, token), ct);

    /// <summary>The LOGIN command (RFC 9051 §6.2.3); refused locally when the server says LOGINDISABLED.</summary>
    public Task LoginAsync(string userName, string password, CancellationToken ct = default) =>
        RunAsync(token => LoginCoreAsync(userName, password, token), ct);

    /// <summary>Asks for CAPABILITY again and replaces the cached set.</summary>
    public Task<ImapCapabilities> CapabilityAsync(CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                await ExecuteAsync(new ImapCommand("CAPABILITY"), new CommandContext(), token);
                return Capabilities;
            },
            ct);

    /// <summary>NOOP: lets the server report new messages and expunges (RFC 9051 §6.1.2).</summary>
    public Task<ImapMailboxChanges> NoopAsync(CancellationToken ct = default) =>
        RunAsync(
            async token =>
            {
                var context = new CommandContext();
                var before = _selected?.Exists ?? 0;
                await ExecuteAsync(new ImapCommand("NOOP"), context, token);
                return context.Changes(_selected?.Exists ?? 0, before, timedOut: false);
            },
            ct);

    /// <summary>LOGOUT when <paramref name="quit"/> (best effort), then closes the connection.</summary>
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
                await RunAsync(token => ExecuteAsync(new ImapCommand("LOGOUT"), new CommandContext(), token, throwOnFailure: false), ct);
            }
            catch (Exception ex) when (ex is ImapProtocolException or ImapCommandException)
            {
                // LOGOUT is a courtesy: a server that already hung up has logged us out.
            }
        }

        await DropAsync();
    }

    public ValueTask DisposeAsync() => DropAsync();

    private async Task StartAsync(MailConnection connection, MailSecurity security, CancellationToken ct)
    {
        _connection = connection;
        _stream = new ImapStream(connection);
        await RunAsync(
            async token =>
            {
                await ReadGreetingAsync(token);
                if (Capabilities.IsEmpty)
                {
                    await ExecuteAsync(new ImapCommand("CAPABILITY"), new CommandContext(), token);
                }

                if (security == MailSecurity.StartTls && !Capabilities.StartTls)
                {
                    throw new NotSupportedException("The IMAP server does not offer STARTTLS.");
                }

                if (security is MailSecurity.StartTls or MailSecurity.StartTlsWhenAvailable && Capabilities.StartTls && !IsAuthenticated)
                {
                    await ExecuteAsync(new ImapCommand("STARTTLS"), new CommandContext(), token);
                    await _connection.UpgradeToTlsAsync(token);

                    // RFC 9051 §6.2.1: capabilities seen before TLS must be discarded.
                    Capabilities = ImapCapabilities.None;
                    await ExecuteAsync(new ImapCommand("CAPABILITY"), new CommandContext(), token);
                }
            },
            ct,
            dropOnAnyFailure: true);
    }

    private async Task ReadGreetingAsync(CancellationToken ct)
    {
        var star = await _stream!.ReadTokenAsync(ct);
        var statusToken = await _stream.ReadTokenAsync(ct);
        var status = star.IsAtom("*") ? ImapResponse.ParseStatus(statusToken.Text) : null;
        var text = await _stream.ReadRestOfLineAsync(ct);
        var (code, rest) = ImapResponseCode.Parse(text);
        switch (status)
        {
            case ImapStatus.Ok or ImapStatus.PreAuth:
                IsAuthenticated = status == ImapStatus.PreAuth;
                ApplyCode(code, new CommandContext());
                break;
            case ImapStatus.Bye:
                throw new ImapProtocolException($"The IMAP server refused the connection: {rest}");
            default:
                throw new ImapProtocolException($"Unexpected IMAP greeting: {star} {statusToken} {text}");
        }
    }

    private async Task AuthenticateCoreAsync(SaslMechanism mechanism, CancellationToken ct)
    {
        EnsureNotAuthenticated();
        var command = new ImapCommand("AUTHENTICATE").Text(mechanism.Name);
        if (mechanism.HasInitialResponse && Capabilities.SaslInitialResponse)
        {
            // RFC 4959: "=" stands for an empty initial response.
            var initial = mechanism.Respond([]);
            command.SecretText(initial.Length == 0 ? "=" : Convert.ToBase64String(initial));
        }

        var tag = NextTag();
        var context = new CommandContext();
        await SendAsync(tag, command, context, ct);
        while (true)
        {
            var response = await ReadUntilTaggedAsync(tag, context, ct);
            if (!response.IsContinuation)
            {
                await CompleteLoginAsync(command, response, context, ct);
                return;
            }

            byte[] challenge;
            try
            {
                challenge = Convert.FromBase64String(response.Text.Trim());
            }
            catch (FormatException ex)
            {
                throw new ImapProtocolException("The server sent a SASL challenge that is not base64.", ex);
            }

            var answer = mechanism.Respond(challenge);
            await WriteLineAsync(Convert.ToBase64String(answer), secret: true, ct);
        }
    }

    private async Task LoginCoreAsync(string userName, string password, CancellationToken ct)
    {
        EnsureNotAuthenticated();
        if (Capabilities.LoginDisabled)
        {
            throw new NotSupportedException("The IMAP server disables LOGIN on this connection (LOGINDISABLED); use TLS or SASL.");
        }

        var command = new ImapCommand("LOGIN").AString(userName).AString(password, secret: true);
        var tag = NextTag();
        var context = new CommandContext();
        await SendAsync(tag, command, context, ct);
        await CompleteLoginAsync(command, await ReadUntilTaggedAsync(tag, context, ct), context, ct);
    }

    private async Task CompleteLoginAsync(ImapCommand command, ImapResponse response, CommandContext context, CancellationToken ct)
    {
        if (response.IsContinuation)
        {
            throw new ImapProtocolException("The server asked for more data after LOGIN.");
        }

        if (response.Status != ImapStatus.Ok)
        {
            throw new ImapCommandException(command.Name, response);
        }

        IsAuthenticated = true;

        // RFC 9051 §6.2.2: the server may advertise new capabilities on success; if it did not, ask.
        if (!context.CapabilitiesUpdated)
        {
            await ExecuteAsync(new ImapCommand("CAPABILITY"), new CommandContext(), ct);
        }
    }

    private Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken ct, bool dropOnAnyFailure = false, TimeSpan? timeout = null) =>
        _call.RunAsync(_connection, operation, ct, dropOnAnyFailure, timeout);

    private Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct, bool dropOnAnyFailure = false, TimeSpan? timeout = null) =>
        _call.RunAsync(_connection, operation, ct, dropOnAnyFailure, timeout);

    private async ValueTask DropAsync()
    {
        var connection = _connection;
        _connection = null;
        _stream = null;
        _selected = null;
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
            throw new InvalidOperationException("The IMAP client is already connected.");
        }
    }

    private void EnsureNotAuthenticated()
    {
        if (IsAuthenticated)
        {
            throw new InvalidOperationException("The IMAP client is already authenticated.");
        }
    }
}
