// Finding shortcodes in a page body: {{< name key="value" "positional" >}}, paired with a later
// {{< /name >}} when there is one (else self-closing), outside code blocks and code spans (which
// show them as written), with {{</* name */>}} as the escape that prints a tag as text. Invariant:
// the uses returned do not overlap and are in body order; a use's inner text is the body between
// its tags (nested uses in it are found when the inner text is rendered); errors are located at
// the tag, 1-based within the body.
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

internal static class ShortcodeScanner
{
    /// <summary>The include handled by <see cref="SummaryIncludeExtension"/>, left in the text.</summary>
    public const string SummaryName = "summary";

    private const string Open = "{{<";
    private const string Close = ">}}";

    // Only what finds code: block structure and code spans, with their source positions.
    private static readonly MarkdownPipeline s_codeFinder = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>Whether a body may hold a shortcode (a cheap test before a scan).</summary>
    public static bool MayHold(string markdown) => markdown.Contains(Open, StringComparison.Ordinal);

    /// <summary>The top-level shortcode uses and escapes of <paramref name="markdown"/>, in order.</summary>
    /// <exception cref="ShortcodeSyntaxException">A tag that does not end, or a closing tag
    /// without its opening one.</exception>
    public static List<ShortcodeUse> Scan(string markdown)
    {
        List<(int Start, int End)> code = CodeRanges(markdown);
        var tags = new List<Tag>();
        int codeIndex = 0;
        for (int at = markdown.IndexOf(Open, StringComparison.Ordinal); at >= 0; at = markdown.IndexOf(Open, at, StringComparison.Ordinal))
        {
            while (codeIndex < code.Count && code[codeIndex].End <= at)
            {
                codeIndex++;
            }

            if (codeIndex < code.Count && code[codeIndex].Start <= at)
            {
                at = code[codeIndex].End; // shown as written
                continue;
            }

            Tag tag = ReadTag(markdown, at);
            at = tag.End;
            if (tag.Name != SummaryName)
            {
                tags.Add(tag);
            }
        }

        return Pair(markdown, tags);
    }

    /// <summary>Pairs each closing tag with the nearest open tag of its name; the uses left open
    /// are self-closing. Returns the outermost uses (the others are in their inner text).</summary>
    private static List<ShortcodeUse> Pair(string markdown, List<Tag> tags)
    {
        var open = new List<Tag>();
        var uses = new List<ShortcodeUse>();
        foreach (Tag tag in tags)
        {
            if (tag.Escaped is not null)
            {
                uses.Add(SelfClosing(tag) with { Escaped = tag.Escaped });
            }
            else if (!tag.Closing)
            {
                open.Add(tag);
            }
            else
            {
                int match = open.FindLastIndex(o => o.Name == tag.Name);
                if (match < 0)
                {
                    throw new ShortcodeSyntaxException(tag.Line, tag.Column,
                        $"closing shortcode {{{{< /{tag.Name} >}}}} has no opening {{{{< {tag.Name} >}}}} before it. Add the opening tag or remove this one");
                }

                for (int i = match + 1; i < open.Count; i++)
                {
                    uses.Add(SelfClosing(open[i]));
                }

                Tag opening = open[match];
                open.RemoveRange(match, open.Count - match);
                uses.Add(new ShortcodeUse(opening.Name, opening.Named, opening.Positional, opening.Start, tag.End, opening.Line, opening.Column)
                {
                    Inner = markdown[opening.End..tag.Start],
                    InnerLine = opening.EndLine,
                });
            }
        }

        foreach (Tag left in open)
        {
            uses.Add(SelfClosing(left));
        }

        uses.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var outermost = new List<ShortcodeUse>(uses.Count);
        int end = 0;
        foreach (ShortcodeUse use in uses)
        {
            if (use.Start >= end)
            {
                outermost.Add(use);
                end = use.End;
            }
        }

        return outermost;
    }

    private static ShortcodeUse SelfClosing(Tag tag) => new(tag.Name, tag.Named, tag.Positional, tag.Start, tag.End, tag.Line, tag.Column);

    /// <summary>Reads the tag that opens at <paramref name="at"/>.</summary>
    private static Tag ReadTag(string text, int at)
    {
        (int line, int column) = Position(text, at);
        int end = text.IndexOf(Close, at + Open.Length, StringComparison.Ordinal);
        int nextOpen = text.IndexOf(Open, at + Open.Length, StringComparison.Ordinal);
        if (end < 0 || (nextOpen >= 0 && nextOpen < end))
        {
            throw new ShortcodeSyntaxException(line, column, "shortcode tag '{{<' is not closed: end it with '>}}'");
        }

        string inside = text[(at + Open.Length)..end];
        if (inside.StartsWith("/*", StringComparison.Ordinal) && inside.EndsWith("*/", StringComparison.Ordinal) && inside.Length >= 4)
        {
            return new Tag(string.Empty, false, [], [], at, end + Close.Length, line, column, line, Open + inside[2..^2] + Close);
        }

        var reader = new ArgumentReader(inside, line, column);
        reader.SkipSpace();
        bool closing = reader.TryTake('/');
        reader.SkipSpace();
        string name = reader.Name();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        while (reader.SkipSpace())
        {
            (string? key, string value) = reader.Argument();
            if (key is null)
            {
                positional.Add(value);
            }
            else if (!named.TryAdd(key, value))
            {
                throw new ShortcodeSyntaxException(line, column, $"shortcode '{name}' sets '{key}' twice. Keep one");
            }
        }

        if (closing && (named.Count > 0 || positional.Count > 0))
        {
            throw new ShortcodeSyntaxException(line, column, $"closing shortcode {{{{< /{name} >}}}} takes no arguments. Move them to the opening tag");
        }

        int endLine = Position(text, end + Close.Length).Line;
        return new Tag(name, closing, named, positional, at, end + Close.Length, line, column, endLine, null);
    }

    /// <summary>1-based line and column of <paramref name="index"/>.</summary>
    internal static (int Line, int Column) Position(string text, int index)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = text.IndexOf('\n'); i >= 0 && i < index; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return (line, index - lineStart + 1);
    }

    /// <summary>Where code blocks and code spans are, in order.</summary>
    private static List<(int Start, int End)> CodeRanges(string markdown)
    {
        var ranges = new List<(int, int)>();
        MarkdownDocument document = Markdown.Parse(markdown, s_codeFinder);
        foreach (MarkdownObject node in document.Descendants())
        {
            if (node is CodeBlock or CodeInline)
            {
                ranges.Add((node.Span.Start, node.Span.End + 1));
            }
        }

        ranges.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return ranges;
    }

    private sealed record Tag(
        string Name, bool Closing, Dictionary<string, string> Named, List<string> Positional, int Start, int End, int Line, int Column, int EndLine, string? Escaped);

    /// <summary>Reads a tag's name and arguments: <c>key="value"</c>, <c>key=value</c>,
    /// <c>"value"</c> or <c>value</c>; a quoted value takes <c>\"</c> and <c>\\</c>.</summary>
    private ref struct ArgumentReader(string text, int line, int column)
    {
        private int _at;

        public bool SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }

            return _at < text.Length;
        }

        public bool TryTake(char c)
        {
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        public string Name()
        {
            int start = _at;
            while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '-' or '_'))
            {
                _at++;
            }

            if (_at == start)
            {
                throw new ShortcodeSyntaxException(line, column, "shortcode tag has no name: write {{< name >}} with letters, digits, '-' or '_'");
            }

            return text[start.._at];
        }

        public (string? Key, string Value) Argument()
        {
            if (_at < text.Length && text[_at] == '"')
            {
                return (null, Quoted());
            }

            int start = _at;
            while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] != '=')
            {
                _at++;
            }

            string word = text[start.._at];
            if (!TryTake('='))
            {
                return (null, word);
            }

            if (word.Length == 0)
            {
                throw new ShortcodeSyntaxException(line, column, "shortcode argument has '=' without a name before it: write key=\"value\"");
            }

            if (_at < text.Length && text[_at] == '"')
            {
                return (word, Quoted());
            }

            int valueStart = _at;
            while (_at < text.Length && !char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }

            return (word, text[valueStart.._at]);
        }

        private string Quoted()
        {
            var value = new System.Text.StringBuilder();
            for (_at++; _at < text.Length; _at++)
            {
                char c = text[_at];
                if (c == '"')
                {
                    _at++;
                    return value.ToString();
                }

                if (c == '\\' && _at + 1 < text.Length && text[_at + 1] is '"' or '\\')
                {
                    _at++;
                    c = text[_at];
                }

                value.Append(c);
            }

            throw new ShortcodeSyntaxException(line, column, "shortcode argument has an unclosed '\"': close the quote");
        }
    }
}

/// <summary>One shortcode in a body: its name and arguments, where it is (offsets of the whole
/// use, tags included, and the 1-based line and column of its opening tag), and for a pair its
/// inner text and the line that text starts on. An escape (<c>{{&lt;/* x */&gt;}}</c>) has the
/// text it shows.</summary>
internal sealed record ShortcodeUse(
    string Name, IReadOnlyDictionary<string, string> Named, IReadOnlyList<string> Positional, int Start, int End, int Line, int Column)
{
    /// <summary>The body between the tags of a pair; null for a self-closing use.</summary>
    public string? Inner { get; init; }

    /// <summary>The 1-based line of the body where <see cref="Inner"/> starts.</summary>
    public int InnerLine { get; init; }

    /// <summary>The tag as text, for an escape.</summary>
    public string? Escaped { get; init; }
}

/// <summary>A malformed shortcode tag, at a 1-based line and column of the body.</summary>
internal sealed class ShortcodeSyntaxException(int line, int column, string message) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
