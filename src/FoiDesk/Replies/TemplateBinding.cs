using System.Collections;
using System.Globalization;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using HandlebarsDotNet.IO;
using HandlebarsDotNet.Iterators;
using HandlebarsDotNet.MemberAccessors;
using HandlebarsDotNet.ObjectDescriptors;
using HandlebarsDotNet.PathStructure;

namespace FoiDesk.Replies;

/// <summary>
/// How Handlebars.Net sees a <see cref="TemplateScope"/>. Field names are dotted keys ("case.reference"), so a
/// name is looked up whole, first in the item an <c>{{#each}}</c> is on and then in the scopes around it (a letter
/// says "{{#if regime.eir}}" inside an exemption). Every name resolves to a <see cref="Field"/>, which prints
/// itself (recording a field the case has no value for as missing, and a name that is no field as unknown) and is
/// true or false in <c>{{#if}}</c> the way FoiDesk defines it. Handlebars therefore never meets an unresolved
/// name; it is configured to throw if it ever does, so an unknown field can never print as an empty string.
/// </summary>
internal static class TemplateBinding
{
    public static HandlebarsConfiguration Configuration()
    {
        var configuration = new HandlebarsConfiguration
        {
            // Values are escaped for Markdown by the field that prints them (see TemplateEngine's class comment).
            NoEscape = true,
            TextEncoder = null,
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        configuration.ObjectDescriptorProviders.Add(new Descriptors());
        configuration.FormatterProviders.Add(new Formatter());
        return configuration;
    }

    /// <summary>What one render found: fields without a value, and names that are not fields.</summary>
    public sealed class RenderState(LetterLanguage language)
    {
        public LetterLanguage Language { get; } = language;
        public SortedSet<string> Missing { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Unknown { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A scope during a render: the top-level fields, or one item of an <c>{{#each}}</c> inside its parent.</summary>
    public sealed class ScopeView(TemplateScope scope, ScopeView? parent, RenderState state, string name = "")
    {
        public RenderState State { get; } = state;

        /// <summary>Where this scope sits, e.g. "questions[2]." inside the second question; prefixes reported field names.</summary>
        public string Name { get; } = name;

        /// <summary>The field called <paramref name="path"/>, here or in an enclosing scope; unresolved if none has it.</summary>
        public Field Lookup(string path)
        {
            for (var view = this; view is not null; view = view.Parent)
            {
                if (view.Scope.Values.TryGetValue(path, out var value))
                {
                    return new Field(path, value, view, this);
                }
            }
            return new Field(path, null, null, this);
        }

        private TemplateScope Scope { get; } = scope;

        private ScopeView? Parent { get; } = parent;
    }

    /// <summary>
    /// A name as the template used it. <see cref="FoundIn"/> is null when no scope has the name: it may still be
    /// the first part of a dotted field ("case" of "case.reference"), so it is only reported unknown when printed,
    /// tested or iterated. It is enumerable so that Handlebars' own truth test ("false when empty") gives FoiDesk's
    /// answer: one element when true, none when false.
    /// </summary>
    public sealed class Field(string path, object? value, ScopeView? foundIn, ScopeView from) : IEnumerable
    {
        public string Path { get; } = path;

        public Field Member(string name) => from.Lookup($"{Path}.{name}");

        public bool IsTrue()
        {
            if (foundIn is null)
            {
                from.State.Unknown.Add(Path);
                return false;
            }
            return TemplateEngine.IsTrue(value);
        }

        public void Print(in EncodedTextWriter writer)
        {
            if (foundIn is null)
            {
                from.State.Unknown.Add(Path);
                return;
            }
            if (TemplateEngine.Format(value, from.State.Language) is { } text)
            {
                writer.Write(text, false);
            }
            else
            {
                from.State.Missing.Add(foundIn.Name + Path);
            }
        }

        /// <summary>The items of a list, each a scope inside the one it was found from; null (unknown) for anything else.</summary>
        public IReadOnlyList<ScopeView>? Items()
        {
            if (foundIn is null || value is not IEnumerable<TemplateScope> items)
            {
                from.State.Unknown.Add(Path);
                return null;
            }
            return [.. items.Select((item, i) => new ScopeView(item, from, from.State,
                string.Create(CultureInfo.InvariantCulture, $"{from.Name}{Path}[{i + 1}].")))];
        }

        public IEnumerator GetEnumerator()
        {
            if (IsTrue())
            {
                yield return this;
            }
        }
    }

    private sealed class Descriptors : IObjectDescriptorProvider, IMemberAccessor
    {
        private readonly ObjectDescriptor _scope;
        private readonly ObjectDescriptor _field;

        public Descriptors()
        {
            _scope = new ObjectDescriptor(typeof(ScopeView), this, (_, _) => Array.Empty<object>(), _ => new NotAList());
            _field = new ObjectDescriptor(typeof(Field), this, (_, _) => Array.Empty<object>(), _ => new FieldIterator());
        }

        public bool TryGetDescriptor(Type type, out ObjectDescriptor value)
        {
            value = type == typeof(ScopeView) ? _scope : type == typeof(Field) ? _field : null!;
            return value is not null;
        }

        public bool TryGetValue(object instance, ChainSegment memberName, out object? value)
        {
            value = instance switch
            {
                ScopeView scope => scope.Lookup(memberName.TrimmedValue),
                Field field => field.Member(memberName.TrimmedValue),
                _ => null,
            };
            return value is not null;
        }
    }

    /// <summary><c>{{#each}}</c> over a field: its items in order, each with the enclosing scopes behind it.</summary>
    private sealed class FieldIterator : IIterator
    {
        private static readonly EnumerableIterator<IEnumerable> Items = new();

        public void Iterate(in EncodedTextWriter writer, BindingContext context, ChainSegment[] blockParamsVariables,
            object input, TemplateDelegate template, TemplateDelegate ifEmpty)
        {
            if (((Field)input).Items() is { } items)
            {
                Items.Iterate(writer, context, blockParamsVariables, items, template, ifEmpty);
            }
        }
    }

    private sealed class NotAList : IIterator
    {
        public void Iterate(in EncodedTextWriter writer, BindingContext context, ChainSegment[] blockParamsVariables,
            object input, TemplateDelegate template, TemplateDelegate ifEmpty) =>
            throw new InvalidOperationException("a template cannot iterate over a scope");
    }

    private sealed class Formatter : IFormatterProvider, IFormatter
    {
        public bool TryCreateFormatter(Type type, out IFormatter formatter)
        {
            formatter = type == typeof(Field) || type == typeof(ScopeView) ? this : null!;
            return formatter is not null;
        }

        public void Format<T>(T value, in EncodedTextWriter writer)
        {
            switch (value)
            {
                case Field field:
                    field.Print(writer);
                    break;
                default:
                    throw new InvalidOperationException($"a template cannot print a {value?.GetType().Name}");
            }
        }
    }
}
