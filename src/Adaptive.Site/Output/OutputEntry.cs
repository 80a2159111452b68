namespace Adaptive.Site;

/// <summary>An output file: its path under the output folder and the key of the memo that
/// renders it (<c>page:content/blog/a.md</c>, <c>list:blog:2</c>, <c>term:tags/go:1</c>,
/// <c>taxonomy:tags</c>, <c>alias:content/a.md:0</c>, <c>feed:</c>, <c>feed:blog</c>,
/// <c>feed:tags/go</c>, <c>sitemap</c>, <c>robots</c>, <c>search</c>, <c>404</c>,
/// <c>static:img/logo.png</c>, <c>asset:css/theme.css</c>, <c>image:content/blog/cat.jpg?w800-webp</c>).</summary>
/// <param name="Path">Relative path with forward slashes.</param>
/// <param name="Key">The output memo's key.</param>
/// <param name="Source">The site file it comes from (the page, the section's <c>_index.md</c>,
/// the static file, <c>adapt.yaml</c> for site-wide outputs): where its problems are reported.</param>
public sealed record OutputEntry(string Path, string Key, string Source)
{
    /// <summary>An output key's kind and argument: <c>list:blog:2</c> is (<c>list</c>,
    /// <c>blog:2</c>), <c>sitemap</c> is (<c>sitemap</c>, empty).</summary>
    internal static (string Kind, string Argument) SplitKey(string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (key, string.Empty) : (key[..colon], key[(colon + 1)..]);
    }
}
