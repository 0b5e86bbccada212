namespace FoiDesk.Mail.Mime;

/// <summary>Something the parser had to repair. <paramref name="Code"/> is stable (for tests and metrics); the detail is for people.</summary>
/// <param name="Code">A short kebab-case code, e.g. <c>missing-close-boundary</c>.</param>
/// <param name="Detail">What was found and what was done about it.</param>
public sealed record MimeWarning(string Code, string Detail)
{
    public override string ToString() => $"{Code}: {Detail}";
}

/// <summary>Collects warnings for one parse, without repeating the same code and detail twice.</summary>
internal sealed class MimeWarnings
{
    private const int MaxWarnings = 200;
    private readonly List<MimeWarning> _items = [];
    private readonly HashSet<MimeWarning> _seen = [];

    public IReadOnlyList<MimeWarning> Items => _items;

    public void Add(string code, string detail)
    {
        var w = new MimeWarning(code, detail);
        if (_items.Count < MaxWarnings && _seen.Add(w))
        {
            _items.Add(w);
        }
    }
}
