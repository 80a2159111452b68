// Cross-references: a relative link to another page's source file ([Install](../guide/install.md),
// optionally with #fragment) becomes that page's URL. Runs on a parsed document with the page's
// resolver (per page, so not part of the shared pipeline). Invariant: an unresolved link is an
// error at the link's line; links to URLs, absolute paths, fragments and images stay as written.
using Markdig.Syntax.Inlines;

namespace Adaptive.Site;

internal static class CrossReferences
{
    /// <summary>Rewrites each source link in <paramref name="links"/> of <paramref name="file"/>
    /// (body starting at <paramref name="bodyLine"/>) to the URL <paramref name="resolve"/> gives.</summary>
    public static void Resolve(List<LinkInline> links, string file, int bodyLine, Func<string, string?> resolve)
    {
        string folder = Permalinks.Parent(file);
        foreach (LinkInline link in links)
        {
            if (link.IsImage || link is HeadingAnchorInline || link.Url is not { } url || !IsSourceLink(url))
            {
                continue;
            }

            int hash = url.IndexOf('#', StringComparison.Ordinal);
            string path = hash >= 0 ? url[..hash] : url;
            string fragment = hash >= 0 ? url[hash..] : string.Empty;
            string target = SitePath(folder, Uri.UnescapeDataString(path));
            string? resolved = resolve(target);
            if (resolved is null)
            {
                throw new SiteException(new SiteDiagnostic(file, bodyLine + link.Line, link.Column + 1,
                    $"link to '{url}': there is no page at '{target}'. Fix the path, or link to a URL instead"));
            }

            link.Url = resolved + fragment;
        }
    }

    /// <summary>A relative link to a Markdown source file (not a URL, not absolute).</summary>
    private static bool IsSourceLink(string url)
    {
        if (url.Length == 0 || url[0] is '/' or '#' || url.Contains("://", StringComparison.Ordinal) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int end = url.IndexOfAny(['#', '?']);
        string path = end >= 0 ? url[..end] : url;
        return path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Resolves <c>..</c> and <c>.</c> in <paramref name="relative"/> against the linking
    /// file's folder; a path that climbs above the site stays as written (it resolves to nothing).</summary>
    public static string SitePath(string folder, string relative)
    {
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (string part in relative.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return relative;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
