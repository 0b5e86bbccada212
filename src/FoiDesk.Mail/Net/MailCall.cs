using System.Net.Sockets;
using System.Security.Authentication;

namespace FoiDesk.Mail.Net;

/// <summary>
/// Runs a client's operations one at a time under the timeout (an inactivity limit: each read or write that
/// makes progress restarts it, so a large message on a slow link is not cut off while a silent server is) and
/// sorts failures: protocol-level refusals pass through (the connection is still usable); I/O errors, malformed
/// data, timeouts and cancellation in the middle of an exchange leave the connection in an unknown state, so it
/// is dropped and a protocol exception raised.
/// </summary>
internal sealed class MailCall(
    string protocol,
    MailConnectionOptions options,
    Func<Exception, bool> keepsConnection,
    Func<string, Exception, Exception> protocolError,
    Func<ValueTask> dropConnection)
{
    private int _busy;

    public async Task RunAsync(MailConnection? connection, Func<CancellationToken, Task> operation, CancellationToken ct, bool dropOnAnyFailure = false, TimeSpan? timeout = null) =>
        await RunAsync(
            connection,
            async token =>
            {
                await operation(token);
                return true;
            },
            ct,
            dropOnAnyFailure,
            timeout);

    /// <summary>Runs one operation on the open connection. With <paramref name="dropOnAnyFailure"/> (connection
    /// set-up) even a refusal drops the connection, since a half-negotiated session is of no use.</summary>
    public async Task<T> RunAsync<T>(MailConnection? connection, Func<CancellationToken, Task<T>> operation, CancellationToken ct, bool dropOnAnyFailure = false, TimeSpan? timeout = null)
    {
        if (connection is null)
        {
            throw new InvalidOperationException($"The {protocol} client is not connected.");
        }

        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException($"The {protocol} client is already running a command; it handles one at a time.");
        }

        try
        {
            return await RunCoreAsync(
                timeout is null ? options : options with { Timeout = timeout.Value },
                connection,
                operation,
                ex => !dropOnAnyFailure && keepsConnection(ex),
                protocolError,
                dropConnection,
                ct);
        }
        catch (Exception) when (dropOnAnyFailure)
        {
            await dropConnection();
            throw;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Opens a connection under the timeout, mapping network failures to the protocol's exception.</summary>
    public Task<MailConnection> ConnectAsync(string host, int port, bool implicitTls, CancellationToken ct) =>
        RunCoreAsync(
            options,
            null,
            token => MailConnection.ConnectAsync(host, port, implicitTls, options, token),
            _ => false,
            (message, inner) => protocolError($"Could not connect to {host}:{port}: {message}", inner),
            () => ValueTask.CompletedTask,
            ct);

    private static async Task<T> RunCoreAsync<T>(
        MailConnectionOptions options,
        MailConnection? connection,
        Func<CancellationToken, Task<T>> operation,
        Func<Exception, bool> keepsConnection,
        Func<string, Exception, Exception> protocolError,
        Func<ValueTask> dropConnection,
        CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        connection?.WatchProgress(timeout, options.Timeout);
        try
        {
            return await operation(linked.Token);
        }
        catch (Exception ex) when (keepsConnection(ex))
        {
            throw;
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            await dropConnection();
            throw protocolError($"The server did not answer within {options.Timeout.TotalSeconds:0.#} s.", new TimeoutException(ex.Message, ex));
        }
        catch (OperationCanceledException)
        {
            // Cancelled mid-exchange: unread responses may still be in flight, so the connection cannot be reused.
            await dropConnection();
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or AuthenticationException or ObjectDisposedException)
        {
            await dropConnection();
            throw protocolError(ex.Message, ex);
        }
        catch (Exception ex) when (ex is not ArgumentException and not InvalidOperationException and not NotSupportedException)
        {
            await dropConnection();
            throw;
        }
        finally
        {
            connection?.WatchProgress(null, options.Timeout);
        }
    }
}
