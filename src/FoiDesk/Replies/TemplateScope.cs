namespace FoiDesk.Replies;

/// <summary>
/// The values a template can name: dotted keys ("case.reference") mapped to a string (plain text from the case,
/// neutralised before it enters Markdown), <see cref="MarkdownValue"/>, <see cref="LinkValue"/>, <see cref="DateOnly"/>,
/// <see cref="MoneyValue"/>, int, bool, or a list of nested scopes for <c>{{#each}}</c>. A key present with a null
/// value is a field the case lacks; a key absent is a field that does not exist.
/// </summary>
public sealed class TemplateScope(IReadOnlyDictionary<string, object?> values, TemplateScope? parent = null, string name = "")
{
    public TemplateScope? Parent { get; } = parent;

    public IReadOnlyDictionary<string, object?> Values { get; } = values;

    /// <summary>Where this scope sits, e.g. "questions[2]." inside the second question; prefixes reported field names.</summary>
    public string Name { get; } = name;

    public bool TryGet(string path, out object? value) => TryGet(path, out value, out _);

    public bool TryGet(string path, out object? value, out TemplateScope? foundIn)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Values.TryGetValue(path, out value))
            {
                foundIn = scope;
                return true;
            }
        }
        value = null;
        foundIn = null;
        return false;
    }
}
