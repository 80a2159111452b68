using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Adaptive.Site;

/// <summary>
/// A YAML mapping read for a site file (front matter, adapt.yaml, data files), with typed
/// accessors that turn every problem into a <see cref="SiteException"/> located at the offending
/// node: <c>content/a.md:4:7: error: 'tags' must be a list of strings, like tags: [go, web]</c>.
/// </summary>
internal sealed class YamlDocument
{
    private readonly string _file;
    private readonly int _lineOffset;
    private readonly Dictionary<YamlNode, (int Line, int Column)>? _positions;

    private YamlDocument(string file, int lineOffset, YamlMappingNode root, Dictionary<YamlNode, (int Line, int Column)>? positions = null)
    {
        _file = file;
        _lineOffset = lineOffset;
        Root = root;
        _positions = positions;
    }

    public YamlMappingNode Root { get; }

    /// <summary>Parses <paramref name="yaml"/>, which starts at line <paramref name="lineOffset"/>
    /// + 1 of <paramref name="file"/>. Empty text is an empty mapping.</summary>
    public static YamlDocument Parse(string file, string yaml, int lineOffset = 0)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw Invalid(file, yaml, lineOffset, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these for some malformed input (an unclosed flow
            // sequence at the end of the text) without a position.
            (int line, int column) = UnclosedPosition(yaml);
            throw new SiteException(new SiteDiagnostic(file, line + lineOffset, column, "invalid YAML: " + Unclosed(yaml)));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlDocument(file, lineOffset, new YamlMappingNode());
        }

        YamlNode root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            throw new SiteException(new SiteDiagnostic(file, (int)root.Start.Line + lineOffset, (int)root.Start.Column,
                "expected 'key: value' lines (a YAML mapping)"));
        }

        return new YamlDocument(file, lineOffset, mapping);
    }

    /// <summary>A document built from another format's syntax (TOML front matter): the nodes
    /// were made, not parsed, so each one's place in the file is given in
    /// <paramref name="positions"/> (by reference; 1-based line and column).</summary>
    public static YamlDocument FromTree(string file, YamlMappingNode root, Dictionary<YamlNode, (int Line, int Column)> positions) =>
        new(file, 0, root, positions);

    /// <summary>Parses a whole YAML file of any shape (a mapping, a sequence or a scalar) into
    /// free-form values; empty text is null.</summary>
    public static object? ParseValue(string file, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw Invalid(file, yaml, 0, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            (int line, int column) = UnclosedPosition(yaml);
            throw new SiteException(new SiteDiagnostic(file, line, column, "invalid YAML: " + Unclosed(yaml)));
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        YamlNode root = stream.Documents[0].RootNode;
        return new YamlDocument(file, 0, root as YamlMappingNode ?? new YamlMappingNode()).Value(root);
    }

    /// <summary>A diagnostic located at <paramref name="node"/>.</summary>
    public SiteException Error(YamlNode node, string message)
    {
        (int line, int column) = Position(node);
        return new(new SiteDiagnostic(_file, line, column, message));
    }

    /// <summary>Where <paramref name="node"/> starts in the file: (line, column), 1-based.</summary>
    public (int Line, int Column) Position(YamlNode node) =>
        _positions is not null && _positions.TryGetValue(node, out (int Line, int Column) position) ? position
        : ((int)node.Start.Line + _lineOffset, (int)node.Start.Column);

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key })
            {
                throw Error(entry.Key, "keys must be plain names");
            }

            yield return (key, entry.Key, entry.Value);
        }
    }

    public string? String(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) ? null : scalar.Value;
        }

        throw Error(node, $"'{key}' must be a single value, not a list or a mapping");
    }

    public bool Boolean(YamlNode node, string key) => String(node, key)?.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" or null => false,
        _ => throw Error(node, $"'{key}' must be true or false"),
    };

    public int Integer(YamlNode node, string key)
    {
        string? text = String(node, key);
        return text is null ? 0
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value
            : throw Error(node, $"'{key}' must be a whole number, not '{text}'");
    }

    public DateTimeOffset? Date(YamlNode node, string key)
    {
        string? text = String(node, key);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date)
            ? date
            : throw Error(node, $"'{key}' is not a date: '{text}'. Use 2024-05-31 or 2024-05-31T14:30:00+02:00");
    }

    /// <summary>A list of strings; a single non-numeric string is a list of one.</summary>
    public ValueList<string> StringList(YamlNode node, string key)
    {
        switch (node)
        {
            case YamlScalarNode scalar when IsNull(scalar):
                return ValueList<string>.Empty;
            case YamlScalarNode { Style: ScalarStyle.Plain } scalar when IsNumberOrBoolean(scalar.Value!):
                throw Error(node, $"'{key}' must be a list of strings, like {key}: [go, web] (write \"{scalar.Value}\" in quotes to mean the text)");
            case YamlScalarNode scalar:
                return new ValueList<string>([scalar.Value!]);
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (YamlNode item in sequence)
                {
                    if (item is not YamlScalarNode { Value: { } value } || IsNull((YamlScalarNode)item))
                    {
                        throw Error(item, $"'{key}' must be a list of strings, like {key}: [go, web]");
                    }

                    items.Add(value);
                }

                return new ValueList<string>(items);
            default:
                throw Error(node, $"'{key}' must be a list of strings, like {key}: [go, web]");
        }
    }

    /// <summary>Free-form YAML as comparable values: strings, lists, maps (scalars stay strings;
    /// templates decide how to read them).</summary>
    public object? Value(YamlNode node) => node switch
    {
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        YamlSequenceNode sequence => new ValueList<object?>(sequence.Select(Value)),
        YamlMappingNode mapping => Map(mapping),
        _ => null,
    };

    public ValueDictionary Map(YamlMappingNode mapping) =>
        new(Entries(mapping).Select(e => new KeyValuePair<string, object?>(e.Key, Value(e.Value))));

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool IsNumberOrBoolean(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text is "true" or "false" or "True" or "False";

    /// <summary>The diagnostic for YAML the parser rejected. A flow collection left open is
    /// found only where the text ends: it is reported at its bracket instead.</summary>
    private static SiteException Invalid(string file, string yaml, int lineOffset, YamlException ex)
    {
        string message = ex.InnerException?.Message ?? ex.Message;
        if ((message.Contains("flow sequence", StringComparison.Ordinal) || message.Contains("flow mapping", StringComparison.Ordinal))
            && FlowBrackets.FirstUnclosed(yaml) >= 0)
        {
            (int line, int column) = UnclosedPosition(yaml);
            return new SiteException(new SiteDiagnostic(file, line + lineOffset, column, "invalid YAML: " + Unclosed(yaml)));
        }

        return new SiteException(new SiteDiagnostic(file, (int)ex.Start.Line + lineOffset, (int)ex.Start.Column, "invalid YAML: " + FirstSentence(message)));
    }

    /// <summary>What is probably wrong when the parser gives no position: an unclosed bracket or quote.</summary>
    private static string Unclosed(string yaml)
    {
        int open = FlowBrackets.FirstUnclosed(yaml);
        return open < 0 ? "it cannot be read (check brackets and quotes)"
            : yaml[open] == '[' ? "a '[' is not closed with ']' (write text that starts with '[' in quotes)"
            : "a '{' is not closed with '}' (write text that starts with '{' in quotes)";
    }

    /// <summary>The 1-based line and column in <paramref name="yaml"/> of the bracket that
    /// <see cref="Unclosed"/> names; (1, 1) when there is none.</summary>
    private static (int Line, int Column) UnclosedPosition(string yaml)
    {
        int open = FlowBrackets.FirstUnclosed(yaml);
        if (open < 0)
        {
            return (1, 1);
        }

        int lineStart = yaml.LastIndexOf('\n', Math.Max(0, open - 1)) + 1;
        return (1 + yaml.AsSpan(0, open).Count('\n'), 1 + open - lineStart);
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).Trim().TrimEnd('.');
    }
}
