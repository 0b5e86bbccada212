using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace FoiDesk.Mail.Net;

/// <summary>
/// A buffered, byte-oriented duplex connection shared by the IMAP and SMTP clients: TCP connect, implicit TLS
/// or a later STARTTLS upgrade, line reads with a length limit, and exact-length reads for literals.
/// It knows nothing of either protocol.
/// </summary>
internal sealed class MailConnection : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly MailConnectionOptions _options;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly TcpClient? _tcp;
    private Stream _stream;
    private readonly StringBuilder? _serverLine;
    private int _start;
    private int _end;
    private CancellationTokenSource? _progressTimer;
    private TimeSpan _progressTimeout;

    public MailConnection(Stream stream, string host, MailConnectionOptions options, TcpClient? tcp = null)
    {
        _stream = stream;
        Host = host;
        _options = options;
        _tcp = tcp;
        _serverLine = options.Logger is null ? null : new StringBuilder();
    }

    public string Host { get; }

    public bool IsSecure => _stream is SslStream;

    public System.Net.EndPoint? LocalEndPoint => _tcp?.Client.LocalEndPoint;

    public MailConnectionOptions Options => _options;

    public ProtocolLogger? Log => _options.Logger;

    public static async Task<MailConnection> ConnectAsync(
        string host, int port, bool implicitTls, MailConnectionOptions options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, ct);
            options.Logger?.Note($"connected to {host}:{port}{(implicitTls ? " (TLS)" : string.Empty)}");
            var connection = new MailConnection(tcp.GetStream(), host, options, tcp);
            if (implicitTls)
            {
                await connection.UpgradeToTlsAsync(ct);
            }

            return connection;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Starts TLS on the open connection (implicit TLS or after a STARTTLS go-ahead).</summary>
    public async Task UpgradeToTlsAsync(CancellationToken ct)
    {
        // RFC 3207 §6 / RFC 9051 §11.1: anything the server sent before the handshake is an injection attempt
        // (CVE-2011-0411 class); it must not be read as if it came over TLS.
        if (_end > _start)
        {
            throw new AuthenticationException("The server sent data after the STARTTLS reply and before the TLS handshake.");
        }

        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, _options.ServerCertificateValidation);
        await ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = Host,
                EnabledSslProtocols = SslProtocols.None, // let the OS pick: TLS 1.2 or 1.3 (RFC 8996 retires older)
            },
            ct);
        _stream = ssl;
        Log?.Note($"TLS established: {ssl.SslProtocol}, {ssl.NegotiatedCipherSuite}");
    }

    public async ValueTask<int> PeekByteAsync(CancellationToken ct)
    {
        if (_start == _end && !await FillAsync(ct))
        {
            return -1;
        }

        return _buffer[_start];
    }

    public async ValueTask<int> ReadByteAsync(CancellationToken ct)
    {
        if (_start == _end && !await FillAsync(ct))
        {
            return -1;
        }

        var b = _buffer[_start++];
        if (_serverLine is not null)
        {
            LogServerByte(b);
        }

        return b;
    }

    /// <summary>Reads one line, without its CRLF (a bare LF is accepted, as servers recorded in the wild send it).</summary>
    public async ValueTask<byte[]> ReadLineAsync(CancellationToken ct)
    {
        using var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct))
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var lf = span.IndexOf((byte)'\n');
            var take = lf < 0 ? span.Length : lf;
            if (line.Length + take > _options.MaxLineLength)
            {
                throw new InvalidDataException($"The server sent a line longer than {_options.MaxLineLength} bytes.");
            }

            line.Write(span[..take]);
            if (lf < 0)
            {
                _start = _end;
                continue;
            }

            _start += lf + 1;
            var bytes = line.ToArray();
            if (_serverLine is not null)
            {
                _serverLine.Append(Encoding.UTF8.GetString(bytes));
                FlushServerLine();
            }

            return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes (an IMAP literal) to <paramref name="destination"/>
    /// without holding more than the read buffer in memory.</summary>
    public async Task CopyExactlyAsync(long count, Stream destination, CancellationToken ct)
    {
        if (_serverLine is not null && count > 0)
        {
            FlushServerLine();
            Log!.ServerData(count);
        }

        var remaining = count;
        while (remaining > 0)
        {
            if (_start == _end && !await FillAsync(ct))
            {
                throw new EndOfStreamException("The server closed the connection inside a literal.");
            }

            var take = (int)Math.Min(remaining, _end - _start);
            await destination.WriteAsync(_buffer.AsMemory(_start, take), ct);
            _start += take;
            remaining -= take;
        }
    }

    public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        using var ms = new MemoryStream(count);
        await CopyExactlyAsync(count, ms, ct);
        return ms.ToArray();
    }

    /// <summary>Restarts <paramref name="timer"/> whenever data moves, so the timeout measures silence, not total time.</summary>
    public void WatchProgress(CancellationTokenSource? timer, TimeSpan timeout)
    {
        _progressTimer = timer;
        _progressTimeout = timeout;
    }

    /// <summary>From now on allows only <paramref name="timeout"/> of silence (IDLE after DONE: the long wait is over).</summary>
    public void ShortenTimeout(TimeSpan timeout)
    {
        _progressTimeout = timeout;
        Progress();
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await _stream.WriteAsync(data, ct);
        Progress();
    }

    public Task FlushAsync(CancellationToken ct) => _stream.FlushAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.DisposeAsync();
        }
        catch (IOException)
        {
            // The peer may already have gone; closing is best effort.
        }

        _tcp?.Dispose();
    }

    private void Progress()
    {
        try
        {
            _progressTimer?.CancelAfter(_progressTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The call finished while this I/O completed; nothing left to extend.
        }
    }

    private void LogServerByte(byte b)
    {
        if (b == '\n')
        {
            FlushServerLine();
        }
        else if (b != '\r')
        {
            _serverLine!.Append((char)b);
        }
    }

    private void FlushServerLine()
    {
        if (_serverLine!.Length > 0)
        {
            Log!.Server(_serverLine.ToString());
            _serverLine.Clear();
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, ct);
        Progress();
        return _end > 0;
    }
}
