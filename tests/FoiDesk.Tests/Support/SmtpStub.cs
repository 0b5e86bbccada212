using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FoiDesk.Tests.Support;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 (port chosen by the OS) that answers RCPT TO with a code the test
/// chooses, so transient (4xx) and permanent (5xx) refusals can be exercised through the real client.
/// Accepted messages are kept.
/// </summary>
public sealed class SmtpStub : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpStub()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The reply to RCPT TO, e.g. "250 OK", "451 4.3.0 try later", "550 5.1.1 no such user".</summary>
    public string RcptReply { get; set; } = "250 2.1.5 OK";

    public List<string> Received { get; } = [];

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 stub.test ESMTP");
            var rcptOk = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-stub.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                    case "MAIL":
                    case "RSET":
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "RCPT":
                        rcptOk = RcptReply.StartsWith('2');
                        await writer.WriteLineAsync(RcptReply);
                        break;
                    case "DATA":
                        if (!rcptOk)
                        {
                            await writer.WriteLineAsync("554 5.5.1 no valid recipients");
                            break;
                        }

                        await writer.WriteLineAsync("354 go ahead");
                        var message = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                            message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                        }

                        lock (Received)
                        {
                            Received.Add(message.ToString());
                        }

                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 not implemented");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
