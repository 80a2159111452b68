using System.Text;
using System.Text.Json;

namespace Adaptive.Site;

/// <summary>
/// JSON front matter: an object that opens with <c>{</c> on a page's first line and closes with
/// its matching <c>}</c>, the rest of that line blank; the body starts on the next line. The end
/// is found by System.Text.Json's reader (strings and nesting as JSON has them; no comments,
/// as in Hugo, since YAML would read them as text); the object is then read as YAML, which JSON is a subset of, so its values are
/// checked and located like any front matter's.
/// </summary>
internal static class JsonFrontMatter
{
    /// <summary>Splits <paramref name="text"/> (line endings already <c>\n</c>), which starts with <c>{</c>.</summary>
    public static FrontMatterParser.Parts Split(string file, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            reader.Skip();
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0);
            throw new SiteException(new SiteDiagnostic(file, line + 1, Column(bytes, line, (int)(ex.BytePositionInLine ?? 0)),
                "invalid JSON front matter: " + Reason(ex.Message)));
        }

        int end = Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed);
        int lineEnd = text.IndexOf('\n', end);
        string rest = lineEnd < 0 ? text[end..] : text[end..lineEnd];
        if (!string.IsNullOrWhiteSpace(rest))
        {
            int line = 1 + text.AsSpan(0, end).Count('\n');
            int column = 1 + end - (text.LastIndexOf('\n', Math.Max(0, end - 1)) + 1);
            throw new SiteException(new SiteDiagnostic(file, line, column,
                "the JSON front matter's closing '}' must end its line: start the page's text on the next line"));
        }

        int bodyStart = lineEnd < 0 ? text.Length : lineEnd + 1;
        return new FrontMatterParser.Parts(text[..end], text[bodyStart..], 1 + text.AsSpan(0, bodyStart).Count('\n'));
    }

    // The 1-based character column of a byte position in a 0-based line.
    private static int Column(byte[] bytes, int line, int bytePosition)
    {
        int start = 0;
        for (int i = 0; i < line; i++)
        {
            start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
        }

        return 1 + Encoding.UTF8.GetCharCount(bytes, start, Math.Min(bytePosition, bytes.Length - start));
    }

    // System.Text.Json ends its messages with "LineNumber: 2 | BytePositionInLine: 5."; the
    // diagnostic says where already.
    private static string Reason(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd();
    }
}
