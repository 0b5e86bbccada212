namespace FoiDesk.Mail.Mime;

/// <summary>One header field. <see cref="RawValue"/> keeps folding; <see cref="Value"/> is unfolded and RFC 2047-decoded.</summary>
public sealed class MimeHeader
{
    private string? _value;

    public MimeHeader(string name, string rawValue)
    {
        Name = name;
        RawValue = rawValue;
    }

    /// <summary>The field name as written (compare case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The value after the colon, folding kept, 8-bit bytes read as UTF-8 (or windows-1252 when not UTF-8).</summary>
    public string RawValue { get; }

    public string Value => _value ??= Rfc2047.Decode(RawValue);

    public override string ToString() => $"{Name}: {Value}";
}

/// <summary>The header fields of a message or body part, in order. Lookup by name is case-insensitive.</summary>
public sealed class MimeHeaderList : IReadOnlyList<MimeHeader>
{
    private readonly List<MimeHeader> _items;

    public MimeHeaderList()
        : this([])
    {
    }

    internal MimeHeaderList(List<MimeHeader> items) => _items = items;

    public int Count => _items.Count;

    public MimeHeader this[int index] => _items[index];

    /// <summary>The decoded value of the first field with this name, or null.</summary>
    public string? this[string name] => Find(name)?.Value;

    public MimeHeader? Find(string name)
    {
        foreach (var h in _items)
        {
            if (h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return h;
            }
        }

        return null;
    }

    public IEnumerable<MimeHeader> FindAll(string name) =>
        _items.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<MimeHeader> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
