namespace Adaptive.Site;

/// <summary>
/// Where a URL is written in the output folder, and the guard that nothing is written outside
/// it: <c>/blog/post/</c> → <c>blog/post/index.html</c>, <c>/feed.xml</c> → <c>feed.xml</c>.
/// </summary>
public static class OutputPath
{
    /// <summary>The output file for <paramref name="url"/>, relative to the output folder with
    /// forward slashes; throws a <see cref="SiteException"/> located at <paramref name="file"/>
    /// when the URL would leave the folder (<c>..</c> segments, drive letters, backslashes, NUL)
    /// or holds a control character (a line break: never part of a file name).</summary>
    public static string ForUrl(string url, string file)
    {
        string path = Checked(url, file).TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>Normalizes a page URL: a leading '/', and a trailing '/' unless its last segment
    /// has an extension (<c>/feed.xml</c>). Rejects URLs that would leave the output folder.</summary>
    public static string NormalizeUrl(string url, string file)
    {
        string checkedUrl = Checked(url.StartsWith('/') ? url : "/" + url, file);
        string last = checkedUrl[(checkedUrl.LastIndexOf('/') + 1)..];
        return last.Length == 0 || last.Contains('.', StringComparison.Ordinal) ? checkedUrl : checkedUrl + "/";
    }

    private static string Checked(string url, string file)
    {
        foreach (char c in url)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                // A line break in a file name breaks every tool that lists files by line.
                throw new SiteException(new SiteDiagnostic(file, 0, 0,
                    $"'{Printable(url)}' contains a control character (a line break or a tab): a URL, slug or alias is one line of printable characters"));
            }
        }

        if (url.Contains('\\', StringComparison.Ordinal) || url.Contains('\0', StringComparison.Ordinal) || url.Contains(':', StringComparison.Ordinal)
            || url.StartsWith("//", StringComparison.Ordinal) || url.Split('/').Any(segment => segment is ".." or "."))
        {
            throw new SiteException(new SiteDiagnostic(file, 0, 0,
                $"'{url}' would be written outside the output folder: use a path without '..', '.', '\\\\', ':' or a leading '//'"));
        }

        return url;
    }

    /// <summary>The URL with control characters written as escapes, for a one-line message.</summary>
    private static string Printable(string url)
    {
        var text = new System.Text.StringBuilder(url.Length + 8);
        foreach (char c in url)
        {
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }
}
