using System.Globalization;

namespace Adaptive.Site;

/// <summary>
/// The URL of a page: <c>url</c> from front matter if set; otherwise the section's permalink
/// pattern from adapt.yaml if any (<c>:year :month :day :section :slug :title :filename</c>);
/// otherwise the source path (<c>content/blog/post.md</c> → <c>/blog/post/</c>) with <c>slug</c>
/// replacing the last segment. Section indexes (<c>_index.md</c>) are at their folder's URL.
/// </summary>
public static class Permalinks
{
    /// <summary>The URL of the page whose source is <paramref name="source"/> (relative to the
    /// site, starting with <c>content/</c>).</summary>
    public static string For(string source, FrontMatter meta, SiteConfig config)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(config);
        if (meta.Url is { } url)
        {
            return OutputPath.NormalizeUrl(url, source);
        }

        (string folder, string name) = Split(source);
        if (name == "_index")
        {
            return folder.Length == 0 ? "/" : "/" + folder + "/";
        }

        string section = Section(folder);
        if (meta.Slug is { } raw && (raw.Contains('/', StringComparison.Ordinal) || raw.Contains('\\', StringComparison.Ordinal) || raw.Trim() is "." or ".."))
        {
            throw new SiteException(new SiteDiagnostic(source, 0, 0,
                $"slug '{raw}' is not one path segment: it would move the page outside its folder (or the output folder). Use a slug without '/', '\\' or '..', or set url:"));
        }

        string slug = meta.Slug is { } s ? Slug.Of(s) : name;
        if (section.Length > 0 && config.Permalinks.TryGetValue(section, out object? pattern) && pattern is string text)
        {
            DateTimeOffset date = meta.Date ?? DateTimeOffset.UnixEpoch;
            string expanded = text
                .Replace(":year", date.Year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace(":month", date.Month.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace(":day", date.Day.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace(":section", section, StringComparison.Ordinal)
                .Replace(":slug", slug, StringComparison.Ordinal)
                .Replace(":title", Slug.Of(meta.Title ?? name), StringComparison.Ordinal)
                .Replace(":filename", name, StringComparison.Ordinal);
            return OutputPath.NormalizeUrl(expanded, source);
        }

        // Always a folder: a file name with a dot (v1.2.md) is a page, not a file with an extension.
        return OutputPath.NormalizeUrl((folder.Length == 0 ? string.Empty : folder + "/") + slug + "/", source);
    }

    /// <summary>The top-level section of a folder under <c>content/</c> (<c>blog/2024</c> → <c>blog</c>);
    /// empty for the root.</summary>
    internal static string Section(string folder) =>
        folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;

    /// <summary>The folder that holds <paramref name="folder"/> (<c>blog/2024</c> → <c>blog</c>,
    /// <c>blog</c> → empty).</summary>
    internal static string Parent(string folder) =>
        folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : string.Empty;

    /// <summary>The folder under <c>content/</c> and the file name without extension.</summary>
    public static (string Folder, string Name) Split(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string relative = source.StartsWith("content/", StringComparison.Ordinal) ? source["content/".Length..] : source;
        int slash = relative.LastIndexOf('/');
        string file = slash >= 0 ? relative[(slash + 1)..] : relative;
        int dot = file.LastIndexOf('.');
        return (slash >= 0 ? relative[..slash] : string.Empty, dot > 0 ? file[..dot] : file);
    }
}
