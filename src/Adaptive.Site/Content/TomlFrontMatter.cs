using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Adaptive.Site;

/// <summary>
/// TOML front matter (between <c>+++</c> lines, as Hugo writes it), parsed by Tomlyn into the
/// node tree the front matter reader takes for YAML: the same fields, the same checks, the same
/// messages, each located where the TOML value is.
/// </summary>
/// <remarks>
/// Strings become quoted scalars (so <c>tags = ["2024"]</c> is text, as in YAML); numbers,
/// booleans and dates plain ones in their TOML spelling; arrays sequences; tables (<c>[params]</c>,
/// <c>[menu.main]</c>), dotted keys and inline tables mappings; arrays of tables sequences of
/// mappings. Syntax errors and redefined keys are Tomlyn's diagnostics, at their place.
/// </remarks>
internal static partial class TomlFrontMatter
{
    /// <summary>Parses <paramref name="toml"/>, which starts at line <paramref name="lineOffset"/>
    /// + 1 of <paramref name="file"/>.</summary>
    public static YamlDocument Parse(string file, string toml, int lineOffset)
    {
        DocumentSyntax document = SyntaxParser.Parse(toml, file, validate: true);
        foreach (DiagnosticMessage message in document.Diagnostics)
        {
            if (message.Kind == DiagnosticMessageKind.Error)
            {
                (int line, int column) = Where(message.Span, lineOffset);
                throw new SiteException(new SiteDiagnostic(file, line, column, "invalid TOML: " + TomlPosition().Replace(message.Message, string.Empty)));
            }
        }

        var reader = new Reader(file, lineOffset);
        var root = new YamlMappingNode();
        foreach (KeyValueSyntax entry in document.KeyValues)
        {
            reader.Add(root, entry);
        }

        foreach (TableSyntaxBase table in document.Tables)
        {
            YamlMappingNode target = table is TableArraySyntax
                ? reader.AppendTable(root, table.Name!)
                : reader.Table(root, table.Name!);
            foreach (KeyValueSyntax entry in table.Items)
            {
                reader.Add(target, entry);
            }
        }

        return YamlDocument.FromTree(file, root, reader.Positions);
    }

    // Where a Tomlyn span starts in the page: Tomlyn counts from 0 within the block.
    private static (int Line, int Column) Where(SourceSpan span, int lineOffset) => (span.Start.Line + 1 + lineOffset, span.Start.Column + 1);

    // Tomlyn names other places as "(line,column)" from 1 within the block, which is not where
    // they are in the page; the diagnostic's own position is.
    [System.Text.RegularExpressions.GeneratedRegex(@" at \(\d+,\d+\)")]
    private static partial System.Text.RegularExpressions.Regex TomlPosition();

    private sealed class Reader(string file, int lineOffset)
    {
        public Dictionary<YamlNode, (int Line, int Column)> Positions { get; } = new(ReferenceEqualityComparer.Instance);

        public void Add(YamlMappingNode mapping, KeyValueSyntax entry)
        {
            (YamlMappingNode parent, YamlScalarNode key) = Path(mapping, entry.Key!);
            parent.Add(key, Value(entry.Value!));
        }

        /// <summary>The mapping a <c>[a.b]</c> header opens (made on the way when missing).</summary>
        public YamlMappingNode Table(YamlMappingNode root, KeySyntax name)
        {
            (YamlMappingNode parent, YamlScalarNode key) = Path(root, name);
            return Child(parent, key);
        }

        /// <summary>A new mapping at the end of the sequence a <c>[[a.b]]</c> header adds to.</summary>
        public YamlMappingNode AppendTable(YamlMappingNode root, KeySyntax name)
        {
            (YamlMappingNode parent, YamlScalarNode key) = Path(root, name);
            if (!parent.Children.TryGetValue(key, out YamlNode? existing))
            {
                existing = Located(new YamlSequenceNode(), name);
                parent.Add(key, existing);
            }

            if (existing is not YamlSequenceNode sequence)
            {
                throw Error(Where(name.Span, lineOffset), $"'{key.Value}' is already a value, not a list of tables");
            }

            var table = Located(new YamlMappingNode(), name);
            sequence.Add(table);
            return table;
        }

        // The mapping that holds the last part of a dotted key, and that part.
        private (YamlMappingNode Parent, YamlScalarNode Key) Path(YamlMappingNode mapping, KeySyntax key)
        {
            YamlScalarNode part = KeyNode(key.Key!);
            foreach (DottedKeyItemSyntax dotted in key.DotKeys)
            {
                mapping = Child(mapping, part);
                part = KeyNode(dotted.Key!);
            }

            return (mapping, part);
        }

        private YamlMappingNode Child(YamlMappingNode mapping, YamlScalarNode key)
        {
            if (!mapping.Children.TryGetValue(key, out YamlNode? child))
            {
                child = new YamlMappingNode();
                Positions[child] = Positions[key];
                mapping.Add(key, child);
            }
            else if (child is YamlSequenceNode { Children.Count: > 0 } tables && tables.Children[^1] is YamlMappingNode last)
            {
                child = last; // [a.b] after [[a]]: a table of a's last element (Tomlyn has checked it is an array of tables)
            }

            return child as YamlMappingNode ?? throw Error(Positions[key], $"'{key.Value}' is already a value, not a table");
        }

        private YamlScalarNode KeyNode(BareKeyOrStringValueSyntax key) => Located(new YamlScalarNode(key switch
        {
            BareKeySyntax bare => bare.Key!.Text,
            StringValueSyntax text => text.Value,
            _ => key.ToString(),
        }), key);

        private YamlNode Value(ValueSyntax value) => Located<YamlNode>(value switch
        {
            StringValueSyntax text => new YamlScalarNode(text.Value) { Style = ScalarStyle.DoubleQuoted },
            IntegerValueSyntax number => Plain(number.Value.ToString(CultureInfo.InvariantCulture)),
            FloatValueSyntax number => Plain(number.Token?.Text ?? number.Value.ToString("R", CultureInfo.InvariantCulture)), // as written: 2.0 is not a whole number
            BooleanValueSyntax boolean => Plain(boolean.Value ? "true" : "false"),
            DateTimeValueSyntax date => Plain(date.Token?.Text ?? date.Value.ToString()),
            ArraySyntax array => Sequence(array),
            InlineTableSyntax table => Mapping(table),
            _ => throw Error(Where(value.Span, lineOffset), "this TOML value is not supported in front matter"),
        }, value);

        private static YamlScalarNode Plain(string text) => new(text) { Style = ScalarStyle.Plain };

        private YamlSequenceNode Sequence(ArraySyntax array)
        {
            var sequence = new YamlSequenceNode();
            foreach (ArrayItemSyntax item in array.Items)
            {
                sequence.Add(Value(item.Value!));
            }

            return sequence;
        }

        private YamlMappingNode Mapping(InlineTableSyntax table)
        {
            var mapping = new YamlMappingNode();
            foreach (InlineTableItemSyntax item in table.Items)
            {
                Add(mapping, item.KeyValue!);
            }

            return mapping;
        }

        private T Located<T>(T node, SyntaxNode syntax)
            where T : YamlNode
        {
            Positions[node] = Where(syntax.Span, lineOffset);
            return node;
        }

        private SiteException Error((int Line, int Column) at, string message) => new(new SiteDiagnostic(file, at.Line, at.Column, message));
    }
}
