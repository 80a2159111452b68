using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace Adaptive.Site;

/// <summary>
/// Finds the internal links of a generated HTML page with a real HTML tokenizer (AngleSharp): the
/// <c>href</c> of <c>a</c>, <c>area</c> and <c>link</c>, the <c>src</c> of <c>img</c>,
/// <c>script</c>, <c>source</c>, <c>iframe</c>, <c>audio</c>, <c>video</c> and <c>track</c>,
/// and a <c>meta</c> refresh's URL. Internal means root-relative (<c>/blog/</c>), relative
/// (<c>../a/</c>) or under the site's base URL; other schemes, protocol-relative URLs and
/// fragment-only links are not. Each is resolved to a decoded path without query or fragment.
/// </summary>
public static class LinkExtractor
{
    /// <summary>The internal link targets of <paramref name="html"/>, served at
    /// <paramref name="pageUrl"/> (<c>/blog/a/</c>), as sorted distinct paths (<c>/blog/b/</c>).</summary>
    /// <remarks>Runs AngleSharp's HTML tokenizer (the standard's tokenization: character
    /// references, unquoted attributes, comments) without building a document — links need only
    /// start tags — switching to raw-text states after <c>script</c>, <c>style</c>,
    /// <c>textarea</c> and <c>title</c> as the tree builder would, so a <c>&lt;a</c> inside a
    /// script is not taken for a link.</remarks>
    public static ValueList<string> Internal(string html, string pageUrl, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var source = new TextSource(new StringTextSource(html)); // read in place: the string overload copies it into a pooled buffer first
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.Resolver)
        {
            SkipDataText = true,
            SkipComments = true,
            SkipRawText = true,
            SkipScriptText = true,
            SkipRCDataText = true,
            SkipPlaintext = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
        };
        var page = new Uri(new Uri("http://site.invalid/"), pageUrl);
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        for (HtmlToken token = tokenizer.Get(); token.Type != HtmlTokenType.EndOfFile; token = tokenizer.Get())
        {
            if (token.Type != HtmlTokenType.StartTag)
            {
                continue;
            }

            HtmlTagToken tag = token.AsTag();
            string? value = tag.Name switch
            {
                "a" or "area" or "link" => tag.GetAttribute("href"),
                "img" or "script" or "source" or "iframe" or "audio" or "video" or "track" => tag.GetAttribute("src"),
                "meta" => RefreshUrl(tag),
                _ => null,
            };
            if (value is { Length: > 0 } && Resolve(value, page, baseUrl) is { } target)
            {
                targets.Add(target);
            }

            if (!tag.IsSelfClosing)
            {
                tokenizer.State = tag.Name switch
                {
                    "script" => HtmlParseMode.Script,
                    "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
                    "textarea" or "title" => HtmlParseMode.RCData,
                    "plaintext" => HtmlParseMode.Plaintext,
                    _ => tokenizer.State,
                };
            }
        }

        return new ValueList<string>(targets);
    }

    private static string? RefreshUrl(HtmlTagToken meta)
    {
        if (!string.Equals(meta.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? content = meta.GetAttribute("content");
        int at = content?.IndexOf("url=", StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : content![(at + 4)..].Trim('\'', '"', ' ');
    }

    /// <summary>The output file that serves <paramref name="path"/>, if one of
    /// <paramref name="outputs"/> (sorted) does: <c>/blog/</c> → <c>blog/index.html</c>,
    /// <c>/css/a.css</c> → itself, <c>/blog</c> → <c>blog/index.html</c> (a server redirects).</summary>
    public static bool Exists(string path, ValueList<string> outputs)
    {
        string relative = path.TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            return Has(outputs, relative + "index.html");
        }

        return Has(outputs, relative) || Has(outputs, relative + "/index.html");
    }

    private static bool Has(ValueList<string> outputs, string path) => outputs.BinarySearch(path, StringComparer.Ordinal) >= 0;

    private static string? Resolve(string? href, Uri page, string baseUrl)
    {
        href = href?.Trim();
        if (string.IsNullOrEmpty(href) || href.StartsWith('#') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        if (href.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase))
        {
            href = "/" + href[baseUrl.Length..];
        }
        else if (HasScheme(href))
        {
            return null; // mailto:, https://elsewhere, data:, javascript:
        }

        if (!Uri.TryCreate(page, href, out Uri? target))
        {
            return href; // unparseable: reported as it is
        }

        return Uri.UnescapeDataString(target.AbsolutePath);
    }

    private static bool HasScheme(string href)
    {
        int colon = href.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        for (int i = 0; i < colon; i++)
        {
            char c = href[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(href[0]);
    }
}
