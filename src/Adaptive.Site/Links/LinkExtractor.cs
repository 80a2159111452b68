using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Adaptive.Site;

/// <summary>
/// Finds the internal links of a generated HTML page with a real HTML parser (AngleSharp): the
/// <c>href</c> of <c>a</c>, <c>area</c> and <c>link</c>, the <c>src</c> of <c>img</c>,
/// <c>script</c>, <c>source</c>, <c>iframe</c>, <c>audio</c>, <c>video</c> and <c>track</c>,
/// and a <c>meta</c> refresh's URL. Internal means root-relative (<c>/blog/</c>), relative
/// (<c>../a/</c>) or under the site's base URL; other schemes, protocol-relative URLs and
/// fragment-only links are not. Each is resolved to a decoded path without query or fragment.
/// </summary>
public static class LinkExtractor
{
    private static readonly (string Selector, string Attribute)[] s_attributes =
    [
        ("a[href], area[href], link[href]", "href"),
        ("img[src], script[src], source[src], iframe[src], audio[src], video[src], track[src]", "src"),
    ];

    /// <summary>The internal link targets of <paramref name="html"/>, served at
    /// <paramref name="pageUrl"/> (<c>/blog/a/</c>), as sorted distinct paths (<c>/blog/b/</c>).</summary>
    public static ValueList<string> Internal(string html, string pageUrl, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using IDocument document = parser.ParseDocument(html);
        var page = new Uri(new Uri("http://site.invalid/"), pageUrl);
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((string selector, string attribute) in s_attributes)
        {
            foreach (IElement element in document.QuerySelectorAll(selector))
            {
                if (Resolve(element.GetAttribute(attribute), page, baseUrl) is { } target)
                {
                    targets.Add(target);
                }
            }
        }

        foreach (IElement meta in document.QuerySelectorAll("meta[http-equiv]"))
        {
            string? content = meta.GetAttribute("content");
            int at = content?.IndexOf("url=", StringComparison.OrdinalIgnoreCase) ?? -1;
            if (string.Equals(meta.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase) && at >= 0
                && Resolve(content![(at + 4)..].Trim('\'', '"', ' '), page, baseUrl) is { } target)
            {
                targets.Add(target);
            }
        }

        return new ValueList<string>(targets);
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
