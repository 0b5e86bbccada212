using System.Net.Sockets;
using System.Security.Authentication;

namespace FoiDesk.Mail.Net;

/// <summary>
/// Runs one client operation under the timeout (an inactivity limit: each read or write that makes progress
/// restarts it, so a large message on a slow link is not cut off while a silent server is) and sorts its failures: protocol-level refusals pass
/// through (the connection is still usable); I/O errors, malformed data, timeouts and cancellation in the middle
/// of an exchange leave the connection in an unknown state, so it is dropped and a protocol exception raised.
/// </summary>
internal static class MailCall
{
    public static async Task<T> RunAsync<T>(
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
        catch (Exception ex) when (!keepsConnection(ex) && ex is not ArgumentException and not InvalidOperationException and not NotSupportedException)
        {
            await dropConnection();
            throw;
        }
        finally
        {
            connection?.WatchProgress(null, options.Timeout);
        }
    }

    public static async Task RunAsync(
        MailConnectionOptions options,
        MailConnection? connection,
        Func<CancellationToken, Task> operation,
        Func<Exception, bool> keepsConnection,
        Func<string, Exception, Exception> protocolError,
        Func<ValueTask> dropConnection,
        CancellationToken ct)
    {
        await RunAsync<bool>(
            options,
            connection,
            async token =>
            {
                await operation(token);
                return true;
            },
            keepsConnection,
            protocolError,
            dropConnection,
            ct);
    }
}
