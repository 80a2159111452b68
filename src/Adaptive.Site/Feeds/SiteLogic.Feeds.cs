// Feeds, the sitemap and the search index: which items each holds, in which order.
using System.Text.Json;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    internal const int FeedItems = 20;

    internal byte[] Feed(string folder)
    {
        SiteConfig config = Get(Config);
        ValueList<string> pages;
        string title = config.Title;
        string link = config.BaseUrl;
        if (folder.Length == 0)
        {
            pages = Get(Pages);
        }
        else if (folder.Contains('/', StringComparison.Ordinal) && config.Taxonomies.Contains(Permalinks.Section(folder)))
        {
            string taxonomy = Permalinks.Section(folder);
            TermPages term = Get(Terms, taxonomy).First(t => t.Slug == folder[(taxonomy.Length + 1)..]);
            pages = term.Pages;
            title = term.Name + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }
        else
        {
            pages = Get(SectionPages, folder);
            title = SectionTitle(folder) + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }

        var items = pages
            .OrderByDescending(p => Get(Meta, p).Date ?? DateTimeOffset.MinValue)
            .ThenBy(p => p, StringComparer.Ordinal)
            .Take(FeedItems)
            .Select(FeedItemOf)
            .ToList();
        return FeedWriter.Rss(title, link, config.Description ?? config.Title, config.Language, items);
    }

    internal FeedItem FeedItemOf(string source)
    {
        return new FeedItem(PageTitle(source), Permalink(Get(Url, source)), Get(Meta, source).Date, Get(Summary, source));
    }

    internal byte[] Sitemap()
    {
        SiteConfig config = Get(Config);
        bool home = config.Produces(OutputKinds.Home), sections = config.Produces(OutputKinds.Section);
        ValueList<string> pages = config.Produces(OutputKinds.Page) ? Get(Pages) : ValueList<string>.Empty;
        var urls = pages.Select(p => new FeedItem(string.Empty, Permalink(Get(Url, p)), Get(Meta, p).LastMod ?? Get(Meta, p).Date, string.Empty))
            .Concat(Get(Sections).Where(s => s.Length == 0 ? home : sections).Select(s => new FeedItem(string.Empty, config.BaseUrl + (s.Length == 0 ? string.Empty : s + "/"), null, string.Empty)))
            .OrderBy(u => u.Url, StringComparer.Ordinal)
            .ToList();
        return FeedWriter.Sitemap(urls);
    }

    internal byte[] SearchIndex()
    {
        // Only pages that are made: a search result must lead somewhere.
        ValueList<string> pages = Get(Config).Produces(OutputKinds.Page) ? Get(Pages) : ValueList<string>.Empty;
        var entries = pages.Select(p =>
        {
            FrontMatter meta = Get(Meta, p);
            return new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = PageTitle(p),
                ["url"] = Get(Url, p),
                ["summary"] = PlainText(Get(Summary, p)),
                ["tags"] = meta.Terms("tags").ToList(),
            };
        }).OrderBy(e => (string)e["url"]!, StringComparer.Ordinal).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(entries);
    }

    internal static string PlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty)).Trim();
}
