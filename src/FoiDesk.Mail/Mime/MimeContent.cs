using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace FoiDesk.Mail.Mime;

/// <summary>
/// The decoded bytes of a part: in memory when small, in a temporary file (deleted on dispose) when large.
/// Read it as often as needed with <see cref="OpenRead"/>.
/// </summary>
public sealed class MimeContent : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly SafeFileHandle? _file;

    public static MimeContent Empty { get; } = new([]);

    public MimeContent(byte[] bytes)
    {
        _bytes = bytes;
        Length = bytes.Length;
    }

    internal MimeContent(SafeFileHandle file, long length)
    {
        _file = file;
        Length = length;
    }

    public long Length { get; }

    /// <summary>Whether the content lives in a temporary file rather than memory.</summary>
    public bool IsSpilled => _file is not null;

    /// <summary>The bytes when held in memory; null when spilled to a file.</summary>
    public ReadOnlyMemory<byte>? Memory => _bytes;

    public Stream OpenRead() => _bytes is not null
        ? new MemoryStream(_bytes, writable: false)
        : new FileSliceStream(_file!, Length);

    /// <summary>Copies the content into a new array (for spilled content this reads the whole file).</summary>
    public byte[] ToArray()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        var result = new byte[Length];
        RandomAccess.Read(_file!, result, 0);
        return result;
    }

    public void Dispose() => _file?.Dispose();

    /// <summary>A read-only stream over a temp file handle shared by every reader of the content.</summary>
    private sealed class FileSliceStream(SafeFileHandle file, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n <= 0)
            {
                return 0;
            }

            n = RandomAccess.Read(file, buffer[..n], _position);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Accumulates decoded bytes in pooled memory, moving to a temp file past the threshold.</summary>
internal sealed class MimeContentBuilder : IDisposable
{
    private readonly ParseContext _context;
    private byte[] _buffer;
    private int _length;
    private SafeFileHandle? _file;
    private long _fileLength;

    public MimeContentBuilder(ParseContext context)
    {
        _context = context;
        _buffer = ArrayPool<byte>.Shared.Rent(4096);
    }

    public long Length => _file is null ? _length : _fileLength;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _context.CountDecoded(data.Length);
        if (_file is not null)
        {
            RandomAccess.Write(_file, data, _fileLength);
            _fileLength += data.Length;
            return;
        }

        if (_length + data.Length > _context.Options.InMemoryThreshold)
        {
            _file = _context.CreateTempFile();
            RandomAccess.Write(_file, _buffer.AsSpan(0, _length), 0);
            RandomAccess.Write(_file, data, _length);
            _fileLength = _length + data.Length;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
            return;
        }

        if (_length + data.Length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + data.Length));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>The bytes so far, when still in memory (for sniffing the start of a part).</summary>
    public ReadOnlySpan<byte> InMemory => _file is null ? _buffer.AsSpan(0, _length) : [];

    public MimeContent Build()
    {
        if (_file is not null)
        {
            var content = new MimeContent(_file, _fileLength);
            _file = null;
            _context.Track(content);
            return content;
        }

        return _length == 0 ? MimeContent.Empty : new MimeContent(_buffer.AsSpan(0, _length).ToArray());
    }

    public void Dispose()
    {
        _file?.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
