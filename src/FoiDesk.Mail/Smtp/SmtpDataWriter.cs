using FoiDesk.Mail.Net;

namespace FoiDesk.Mail.Smtp;

/// <summary>
/// Writes message content for DATA (RFC 5321 §4.5.2): a "." at the start of a line is doubled (dot-stuffing),
/// bare LF becomes CRLF (§2.3.8: bare LF must not be sent), the content ends with CRLF, then ".CRLF".
/// Streams in chunks; the message is never held whole.
/// </summary>
internal static class SmtpDataWriter
{
    public static async Task<long> WriteAsync(Stream source, MailConnection connection, CancellationToken ct)
    {
        var input = new byte[16 * 1024];
        var output = new byte[(input.Length * 2) + 8];
        var atLineStart = true;
        var previous = -1;
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(input, ct)) > 0)
        {
            var n = 0;
            for (var i = 0; i < read; i++)
            {
                var b = input[i];
                if (b == '\n' && previous != '\r')
                {
                    output[n++] = (byte)'\r';
                }
                else if (b == '.' && atLineStart)
                {
                    output[n++] = (byte)'.';
                }

                output[n++] = b;
                atLineStart = b == '\n';
                previous = b;
            }

            await connection.WriteAsync(output.AsMemory(0, n), ct);
            sent += read;
        }

        var tail = atLineStart || previous < 0 ? ".\r\n"u8.ToArray() : previous == '\r' ? "\n.\r\n"u8.ToArray() : "\r\n.\r\n"u8.ToArray();
        await connection.WriteAsync(tail, ct);
        await connection.FlushAsync(ct);
        return sent;
    }

    /// <summary>True when the stream has bytes above 0x7F (needs 8BITMIME). Only for seekable streams; rewinds.</summary>
    public static async Task<bool> HasEightBitAsync(Stream source, CancellationToken ct)
    {
        var start = source.Position;
        var buffer = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (buffer.AsSpan(0, read).IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            source.Position = start;
        }
    }
}
