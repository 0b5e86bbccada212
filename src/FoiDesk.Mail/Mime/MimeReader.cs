using System.Buffers;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// A pooled read buffer over the input stream. Lines are peeked (not consumed) so the parser can look at a
/// line, decide which state it belongs to, and only then advance. CRLF and bare LF are both line ends.
/// </summary>
internal sealed class MimeReader : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public MimeReader(Stream stream, int maxLineLength)
    {
        _stream = stream;
        _maxLine = maxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    public byte[] Buffer => _buffer;
    public int Start => _start;
    public int End => _end;
    public bool IsEof => _eof && _start >= _end;
    public int Available => _end - _start;

    public void Advance(int count) => _start += count;

    /// <summary>Reads more input, keeping unconsumed bytes. Returns false at end of input.</summary>
    public bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n <= 0)
        {
            _eof = true;
            return false;
        }

        _end += n;
        return true;
    }

    /// <summary>
    /// Makes the whole current line available. <paramref name="length"/> excludes the line end, <paramref name="total"/>
    /// includes it. Returns false only at end of input with nothing left.
    /// </summary>
    /// <exception cref="MimeLimitException">The line is longer than the header line limit.</exception>
    public bool PeekLine(out int length, out int total)
    {
        var searched = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_start + searched, _end - _start - searched);
            var nl = span.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                total = searched + nl + 1;
                length = total - 1;
                if (length > 0 && _buffer[_start + length - 1] == '\r')
                {
                    length--;
                }

                return true;
            }

            searched = _end - _start;
            if (searched > _maxLine)
            {
                throw MimeLimitException.Exceeded("MaxLineLength bytes in a header line", _maxLine);
            }

            if (!Fill())
            {
                total = _end - _start;
                length = total;
                if (length > 0 && _buffer[_start + length - 1] == '\r')
                {
                    length--;
                }

                return total > 0;
            }
        }
    }

    /// <summary>Ensures at least <paramref name="count"/> bytes are buffered, unless input ends first.</summary>
    public void Ensure(int count)
    {
        while (_end - _start < count && Fill())
        {
        }
    }

    public ReadOnlySpan<byte> Span(int length) => _buffer.AsSpan(_start, length);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
