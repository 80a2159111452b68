namespace Adaptive.Site;

/// <summary>
/// Where an unclosed flow collection (<c>[</c> or <c>{</c>) starts, for the malformed YAML that
/// YamlDotNet rejects without a position (<c>title: [draft] My post</c> is read as an unclosed
/// sequence). A light scan: brackets inside quoted scalars, block scalars (<c>|</c>, <c>&gt;</c>)
/// and comments do not count; quotes start only where a YAML token can (after a space, an
/// indicator or at a line's start).
/// </summary>
internal static class FlowBrackets
{
    /// <summary>The index in <paramref name="yaml"/> of the first bracket never closed, or -1.</summary>
    public static int FirstUnclosed(string yaml)
    {
        var open = new Stack<int>();
        for (int i = 0; i < yaml.Length; i++)
        {
            char c = yaml[i];
            bool tokenStart = i == 0 || yaml[i - 1] is ' ' or '\t' or '\n' or '[' or '{' or ',' or ':';
            switch (c)
            {
                case '#' when tokenStart:
                    i = EndOfLine(yaml, i);
                    break;
                case '"' or '\'' when tokenStart:
                    i = EndOfQuote(yaml, i);
                    break;
                case '|' or '>' when tokenStart && open.Count == 0 && IsBlockScalarHeader(yaml, i):
                    i = EndOfBlockScalar(yaml, i);
                    break;
                case '[' or '{':
                    open.Push(i);
                    break;
                case ']' or '}' when open.Count > 0 && yaml[open.Peek()] == (c == ']' ? '[' : '{'):
                    open.Pop();
                    break;
            }
        }

        int first = -1;
        foreach (int index in open)
        {
            first = index; // the stack enumerates from the innermost: the last one is the outermost
        }

        return first;
    }

    /// <summary>Whether the '|' or '>' at <paramref name="i"/> starts a block scalar: only
    /// chomping and indentation indicators, then a comment or nothing, up to the line's end.</summary>
    private static bool IsBlockScalarHeader(string yaml, int i)
    {
        int end = EndOfLine(yaml, i);
        ReadOnlySpan<char> rest = yaml.AsSpan(i + 1, end - i - 1);
        int comment = rest.IndexOf(" #", StringComparison.Ordinal);
        rest = (comment >= 0 ? rest[..comment] : rest).Trim();
        return rest.TrimStart("+-0123456789").IsEmpty;
    }

    /// <summary>The end of the block scalar whose header is at <paramref name="i"/>: the last
    /// line break before the first non-blank line indented no more than the header's line.</summary>
    private static int EndOfBlockScalar(string yaml, int i)
    {
        int headerStart = yaml.LastIndexOf('\n', i) + 1;
        int indent = Indentation(yaml, headerStart);
        int position = EndOfLine(yaml, i);
        while (position < yaml.Length)
        {
            int next = position + 1;
            int lineEnd = EndOfLine(yaml, next);
            if (yaml.AsSpan(next, lineEnd - next).Trim().Length > 0 && Indentation(yaml, next) <= indent)
            {
                break;
            }

            position = lineEnd;
        }

        return position;
    }

    private static int Indentation(string yaml, int lineStart)
    {
        int i = lineStart;
        while (i < yaml.Length && yaml[i] == ' ')
        {
            i++;
        }

        return i - lineStart;
    }

    private static int EndOfLine(string yaml, int i)
    {
        int end = yaml.IndexOf('\n', i);
        return end < 0 ? yaml.Length : end;
    }

    /// <summary>The index of the quote that closes the one at <paramref name="start"/> (a
    /// backslash escapes in double quotes, a doubled quote in single quotes); the end of the
    /// text when it is never closed.</summary>
    private static int EndOfQuote(string yaml, int start)
    {
        char quote = yaml[start];
        for (int i = start + 1; i < yaml.Length; i++)
        {
            if (quote == '"' && yaml[i] == '\\')
            {
                i++;
            }
            else if (yaml[i] == quote)
            {
                if (quote == '\'' && i + 1 < yaml.Length && yaml[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    return i;
                }
            }
        }

        return yaml.Length;
    }
}
