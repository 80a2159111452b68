// Shortcodes in a body, the way Hugo does them: each outermost use is rendered first (its inner
// text as Markdown, through the same hooks, then its template) and stands in the body as a
// placeholder word while Markdig renders the rest; the placeholders are then replaced by the
// uses' HTML. A use whose HTML is a block element, alone on its lines, closes the paragraph it
// would otherwise sit in. Invariant: the body keeps its line count, so every later diagnostic is
// at the line the author sees.
using System.Text;
using System.Text.RegularExpressions;

namespace Adaptive.Site;

internal static partial class ShortcodeExpansion
{
    // Letters and digits only, so Markdig passes it through as one word; the closing 'x' keeps
    // the 1st apart from the 10th.
    private const string Marker = "adaptshortcode";

    /// <summary>The body with each shortcode use replaced by a placeholder, the uses' HTML and the
    /// words in their inner text.</summary>
    public static string Expand(string file, string markdown, int bodyLine, MarkdownHooks hooks, List<string> html, ref int words)
    {
        List<ShortcodeUse> uses;
        try
        {
            uses = ShortcodeScanner.Scan(markdown);
        }
        catch (ShortcodeSyntaxException bad)
        {
            throw new SiteException(new SiteDiagnostic(file, bodyLine + bad.Line - 1, bad.Column, bad.Message));
        }

        if (uses.Count == 0)
        {
            return markdown;
        }

        var text = new StringBuilder(markdown.Length);
        int copied = 0;
        foreach (ShortcodeUse use in uses)
        {
            string rendered = use.Escaped is { } escaped ? System.Net.WebUtility.HtmlEncode(escaped) : Render(file, bodyLine, use, hooks, ref words);
            text.Append(markdown, copied, use.Start - copied).Append(PlaceholderOf(html.Count));
            for (int i = use.Start; i < use.End; i++)
            {
                if (markdown[i] == '\n')
                {
                    text.Append('\n'); // the lines the use took, kept
                }
            }

            html.Add(rendered);
            copied = use.End;
        }

        words -= uses.Count; // each placeholder was counted as a word
        return text.Append(markdown, copied, markdown.Length - copied).ToString();
    }

    private static string Render(string file, int bodyLine, ShortcodeUse use, MarkdownHooks hooks, ref int words)
    {
        string? inner = null;
        if (use.Inner is { } text)
        {
            RenderedMarkdown rendered = MarkdownRenderer.Render(file, text, bodyLine + use.InnerLine - 1, hooks);
            words += rendered.WordCount;
            inner = text.Contains('\n', StringComparison.Ordinal) ? rendered.Html : Unwrapped(rendered.Html);
        }

        // A template's last line break is not part of what it shows (it would end an inline use's line).
        return hooks.Shortcode!(new ShortcodeCall(use.Name, use.Named, use.Positional, inner, file, bodyLine + use.Line - 1, use.Column)).TrimEnd('\n');
    }

    /// <summary>Inner text on one line is inline Markdown: without the paragraph around it.</summary>
    private static string Unwrapped(string html)
    {
        string trimmed = html.TrimEnd('\n');
        return trimmed.StartsWith("<p>", StringComparison.Ordinal) && trimmed.EndsWith("</p>", StringComparison.Ordinal)
            && trimmed.IndexOf("<p>", 1, StringComparison.Ordinal) < 0
            ? trimmed[3..^4]
            : html;
    }

    /// <summary>Puts each use's HTML where its placeholder is in <paramref name="rendered"/>.</summary>
    public static string Fill(string rendered, List<string> html)
    {
        if (html.Count == 0)
        {
            return rendered;
        }

        // In an attribute (a heading's id and its anchor's href) a use is no markup: left out.
        var text = new StringBuilder(InAttribute().Replace(rendered, string.Empty));
        for (int i = 0; i < html.Count; i++)
        {
            string placeholder = PlaceholderOf(i);
            string use = html[i];
            if (IsBlock(use))
            {
                string block = use.TrimEnd('\n');
                text.Replace("<p>" + placeholder + "</p>\n", block + "\n")
                    .Replace("<p>" + placeholder + "\n", block + "\n<p>")
                    .Replace("\n" + placeholder + "</p>\n", "</p>\n" + block + "\n")
                    .Replace("\n" + placeholder + "\n", "</p>\n" + block + "\n<p>");
            }

            text.Replace(placeholder, use);
        }

        return text.ToString();
    }

    /// <summary>A table-of-contents entry of a heading with uses in it: their text in its text,
    /// and its id as the heading's (see <see cref="Fill(string, List{string})"/>).</summary>
    public static TocEntry Fill(TocEntry entry, List<string> html)
    {
        if (!entry.Text.Contains(Marker, StringComparison.Ordinal) && !entry.Id.Contains(Marker, StringComparison.Ordinal))
        {
            return entry;
        }

        string text = entry.Text;
        for (int i = 0; i < html.Count; i++)
        {
            string plain = System.Net.WebUtility.HtmlDecode(Tags().Replace(html[i], string.Empty));
            text = text.Replace(PlaceholderOf(i), plain, StringComparison.Ordinal);
        }

        return entry with { Id = Placeholder().Replace(entry.Id, string.Empty), Text = text };
    }

    /// <summary>What stands for the <paramref name="index"/>th use while Markdig renders the body.</summary>
    private static string PlaceholderOf(int index) => Marker + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x";

    [GeneratedRegex("-?" + Marker + @"\d+x")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<==""[^""<>]*)-?" + Marker + @"\d+x")]
    private static partial Regex InAttribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    /// <summary>Whether the HTML opens with a block element (which a paragraph cannot hold).</summary>
    private static bool IsBlock(string html) => BlockStart().IsMatch(html);

    [GeneratedRegex(@"^\s*<(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|nav|ol|p|pre|section|table|ul|video|audio|iframe|picture)[\s>/]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockStart();
}

/// <summary>A shortcode use as its template sees it: the name, the arguments, the inner HTML of
/// a pair (null for a self-closing use) and where the use is (file, 1-based line and column).</summary>
internal sealed record ShortcodeCall(
    string Name, IReadOnlyDictionary<string, string> Named, IReadOnlyList<string> Positional, string? Inner, string File, int Line, int Column);
