using System.Text;

namespace FoiDesk.Mail.Tests.Replay;

/// <summary>
/// An in-memory duplex stream that plays a scripted server: it waits until the client has written exactly the
/// next expected command, then makes that step's response readable. "A########" in a response becomes the tag of
/// the last tagged command (the MailKit corpus convention). Any divergence fails the read with the difference.
/// Reads and writes may overlap (IDLE writes DONE while a read is pending).
/// </summary>
public sealed class ReplayStream : Stream
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(20);

    private readonly List<ReplayStep> _steps;
    private readonly object _gate = new();
    private readonly MemoryStream _written = new();
    private readonly SemaphoreSlim _signal = new(0);
    private byte[] _pending = [];
    private int _pendingOffset;
    private int _next;
    private string _lastTag = "A########";
    private string? _failure;

    public ReplayStream(IEnumerable<ReplayStep> steps)
    {
        _steps = steps.ToList();
    }

    /// <summary>Everything the client sent, for assertions on exact bytes.</summary>
    public List<string> ReceivedCommands { get; } = [];

    public bool IsComplete
    {
        get
        {
            lock (_gate)
            {
                return _next == _steps.Count && _pendingOffset == _pending.Length && _written.Length == 0 && _failure is null;
            }
        }
    }

    public string? Failure => _failure;

    public string Diagnose()
    {
        lock (_gate)
        {
            return _failure ?? $"step {_next}/{_steps.Count}; unconsumed client bytes: '{Encoding.UTF8.GetString(_written.ToArray())}'";
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_gate)
            {
                var n = TryServe(buffer.Span);
                if (n >= 0)
                {
                    return n;
                }
            }

            if (!await _signal.WaitAsync(StallLimit, cancellationToken))
            {
                lock (_gate)
                {
                    _failure ??= "The client stalled: " + Diagnose();
                    throw new IOException(_failure);
                }
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            _written.Write(buffer);
        }

        _signal.Release();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Returns bytes served, 0 for end of script, or -1 to wait for more client bytes.</summary>
    private int TryServe(Span<byte> buffer)
    {
        if (_failure is not null)
        {
            throw new IOException(_failure);
        }

        while (true)
        {
            if (_pendingOffset < _pending.Length)
            {
                var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
                _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
                _pendingOffset += n;
                return n;
            }

            if (_next == _steps.Count)
            {
                return _written.Length == 0 ? 0 : Fail("unexpected client bytes after the script ended");
            }

            var step = _steps[_next];
            var expected = Encoding.UTF8.GetBytes(step.Command);
            var written = _written.ToArray();
            var common = Math.Min(expected.Length, written.Length);
            if (!written.AsSpan(0, common).SequenceEqual(expected.AsSpan(0, common)))
            {
                return Fail($"step {_next}: expected '{step.Command}' but the client sent '{Encoding.UTF8.GetString(written)}'");
            }

            if (written.Length < expected.Length)
            {
                return -1;
            }

            _written.SetLength(0);
            _written.Write(written.AsSpan(expected.Length));
            if (step.Command.Length > 0)
            {
                ReceivedCommands.Add(step.Command);
                var firstWord = step.Command.Split(' ', 2)[0];
                if (firstWord.Length == 9 && firstWord[0] == 'A' && firstWord[1..].All(char.IsAsciiDigit))
                {
                    _lastTag = firstWord;
                }
            }

            _pending = ReplaceTag(step.Response);
            _pendingOffset = 0;
            _next++;
        }
    }

    private byte[] ReplaceTag(byte[] response) =>
        Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(response).Replace("A########", _lastTag, StringComparison.Ordinal));

    private int Fail(string message)
    {
        _failure = message;
        throw new IOException(message);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // _written stays readable so a test can still check completeness after the client closed the stream.
            _signal.Dispose();
        }

        base.Dispose(disposing);
    }
}
