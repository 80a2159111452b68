using System.Buffers;
using System.Globalization;

namespace Adaptive.Site;

/// <summary>
/// Where a URL is written in the output folder, and the guard that nothing is written outside
/// it: <c>/blog/post/</c> → <c>blog/post/index.html</c>, <c>/feed.xml</c> → <c>feed.xml</c>.
/// </summary>
public static class OutputPath
{
    private static readonly SearchValues<char> s_controlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c), '\u2028', '\u2029']);

    /// <summary>The output file for <paramref name="url"/>, relative to the output folder with
    /// forward slashes; throws a <see cref="SiteException"/> located at <paramref name="file"/>
    /// when the URL would leave the folder (<c>..</c> segments, drive letters, backslashes) or holds
    /// a control character (a line break, NUL) or an empty segment (<c>a//b</c>).</summary>
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
        int control = url.AsSpan().IndexOfAny(s_controlCharacters);
        if (control >= 0)
        {
            // A line break or other control character in a URL (a multi-line YAML value) would
            // become part of a file name: one tool reads it as two lines, another as one.
            throw new SiteException(new SiteDiagnostic(file, 0, 0,
                $"the URL '{Printable(url)}' holds a control character (U+{(int)url[control]:X4}): a URL is one line of printable text"));
        }

        if (url.Contains('\\', StringComparison.Ordinal) || url.Contains(':', StringComparison.Ordinal)
            || url.StartsWith("//", StringComparison.Ordinal) || url.Split('/').Any(segment => segment is ".." or "."))
        {
            throw new SiteException(new SiteDiagnostic(file, 0, 0,
                $"'{url}' would be written outside the output folder: use a path without '..', '.', '\\\\', ':' or a leading '//'"));
        }

        if (url.Contains("//", StringComparison.Ordinal))
        {
            // The file system reads "a//b" as "a/b": two URLs would name one output file, and the
            // check that two pages never claim one file would compare different strings.
            throw new SiteException(new SiteDiagnostic(file, 0, 0,
                $"'{url}' has an empty segment ('//'): write a single '/' between the parts of a URL"));
        }

        return url;
    }

    private static string Printable(string url) =>
        string.Concat(url.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()));
}
