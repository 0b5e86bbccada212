using Microsoft.Win32.SafeHandles;

namespace FoiDesk.Mail.Mime;

/// <summary>State shared across one parse: options, limits counters, warnings, and the temp files to clean up.</summary>
internal sealed class ParseContext
{
    private readonly List<IDisposable> _owned = [];
    private long _decoded;
    private int _parts;

    public ParseContext(MimeParserOptions options, CancellationToken cancellation)
    {
        Options = options;
        Cancellation = cancellation;
    }

    public MimeParserOptions Options { get; }
    public MimeLimits Limits => Options.Limits;
    public CancellationToken Cancellation { get; }
    public MimeWarnings Warnings { get; } = new();

    public IReadOnlyList<IDisposable> Owned => _owned;

    public void CountDecoded(long n)
    {
        _decoded += n;
        if (_decoded > Limits.MaxTotalDecodedSize)
        {
            throw MimeLimitException.Exceeded("MaxTotalDecodedSize bytes", Limits.MaxTotalDecodedSize);
        }
    }

    public void CountPart()
    {
        if (++_parts > Limits.MaxParts)
        {
            throw MimeLimitException.Exceeded("MaxParts", Limits.MaxParts);
        }

        Cancellation.ThrowIfCancellationRequested();
    }

    public void CheckDepth(int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            throw MimeLimitException.Exceeded("MaxDepth", Limits.MaxDepth);
        }
    }

    public SafeFileHandle CreateTempFile()
    {
        var dir = Options.TempDirectory ?? Path.GetTempPath();
        var path = Path.Combine(dir, "foidesk-mime-" + Guid.NewGuid().ToString("N") + ".tmp");
        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    public void Track(IDisposable d) => _owned.Add(d);

    public void DisposeAll()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        _owned.Clear();
    }
}
