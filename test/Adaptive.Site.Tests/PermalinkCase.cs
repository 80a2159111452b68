namespace Adaptive.Site.Tests;

/// <summary>A page for <see cref="PermalinkProperties"/>: its source path and the front matter
/// and configuration that decide its URL.</summary>
/// <param name="Source">The page's path relative to the site (<c>content/…/name.md</c>).</param>
/// <param name="Title">Front matter <c>title</c>.</param>
/// <param name="Slug">Front matter <c>slug</c>.</param>
/// <param name="Url">Front matter <c>url</c>.</param>
/// <param name="Date">Front matter <c>date</c>.</param>
/// <param name="Pattern">The permalink pattern of the page's section in adapt.yaml.</param>
public sealed record PermalinkCase(string Source, string? Title, string? Slug, string? Url, DateTimeOffset? Date, string? Pattern)
{
    /// <summary>The front matter.</summary>
    public FrontMatter ToFrontMatter() => new() { Title = Title, Slug = Slug, Url = Url, Date = Date };

    /// <summary>The configuration: <see cref="Pattern"/> for the page's section, if any.</summary>
    public SiteConfig ToConfig()
    {
        string folder = Permalinks.Split(Source).Folder;
        string section = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;
        return Pattern is null || section.Length == 0 ? new SiteConfig() : new SiteConfig { Permalinks = new ValueDictionary([new(section, Pattern)]) };
    }
}
