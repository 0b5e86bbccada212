namespace FoiDesk.Web.Cli;

/// <summary>
/// A verb's arguments: positionals in order, and <c>--name value</c> options (repeatable) and <c>--flag</c>s.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known;

    public IReadOnlyList<string> Positionals { get; }

    /// <param name="args">The words after the verb's path.</param>
    /// <param name="flagNames">Option names that take no value.</param>
    /// <param name="optionNames">Option names that take one value. Anything else starting with -- is a usage error.</param>
    public CliArgs(IReadOnlyList<string> args, IEnumerable<string>? optionNames = null, IEnumerable<string>? flagNames = null)
    {
        var options = new HashSet<string>(optionNames ?? [], StringComparer.Ordinal);
        var flags = new HashSet<string>(flagNames ?? [], StringComparer.Ordinal);
        _known = [.. options, .. flags];
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                positionals.Add(a);
                continue;
            }

            var name = a[2..];
            string? inlineValue = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (flags.Contains(name))
            {
                _flags.Add(name);
            }
            else if (options.Contains(name))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"--{name} needs a value"));
                if (!_options.TryGetValue(name, out var list))
                {
                    _options[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                throw new CliUsageException($"unknown option --{name}");
            }
        }

        Positionals = positionals;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Option(string name)
    {
        EnsureKnown(name);
        return _options.TryGetValue(name, out var list) ? list[^1] : null;
    }

    public IReadOnlyList<string> Options(string name)
    {
        EnsureKnown(name);
        return _options.TryGetValue(name, out var list) ? list : [];
    }

    public string Required(string name) => Option(name) ?? throw new CliUsageException($"--{name} is required");

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new CliUsageException($"missing {what}");

    private void EnsureKnown(string name)
    {
        if (!_known.Contains(name))
        {
            throw new InvalidOperationException($"option --{name} was not declared");
        }
    }
}
