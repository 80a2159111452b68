// What templates see: the shared site context, page fields read lazily (so an output depends only
// on what its templates use), menus, links, breadcrumbs.
using System.Globalization;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>What templates see as <c>site</c>. Every value it is built from is read here (so
    /// the calling computation depends on it); the dictionary itself is built once for those
    /// values and shared by every page that reads the same ones — it is never changed after it
    /// is built, and <c>site.data</c> reads each data file when a template asks for it. Built
    /// per page it cost a 4,000-post build ~0.5 s of CPU.</summary>
    internal SiteContext SiteContext()
    {
        SiteConfig config = Get(Config);
        ValueDictionary assets = Get(Assets);
        var menus = new ValueList<MenuItem>[config.Menus.Count + 1];
        menus[0] = Get(Menu, "main");
        for (int i = 0; i < config.Menus.Count; i++)
        {
            menus[i + 1] = Get(Menu, config.Menus[i].Name);
        }

        if (Volatile.Read(ref _siteContext) is { } cached && cached.IsFor(config, assets, menus))
        {
            return cached.Context;
        }

        var menuContexts = new Dictionary<string, object?>(StringComparer.Ordinal) { ["main"] = MenuContext(menus[0]) };
        for (int i = 0; i < config.Menus.Count; i++)
        {
            menuContexts[config.Menus[i].Name] = MenuContext(menus[i + 1]);
        }

        var context = new SiteContext(config, menuContexts, TemplateValues.From(assets), new DataContext(this), Produces(config));
        Volatile.Write(ref _siteContext, new SharedSiteContext(config, assets, menus, context));
        return context;
    }

    private SharedSiteContext? _siteContext;

    /// <summary>The <c>site</c> dictionary and the values it was built from (compared by
    /// reference: a memo's value is a new object when it changes).</summary>
    private sealed class SharedSiteContext(SiteConfig config, ValueDictionary assets, ValueList<MenuItem>[] menus, SiteContext context)
    {
        public SiteContext Context { get; } = context;

        public bool IsFor(SiteConfig otherConfig, ValueDictionary otherAssets, ValueList<MenuItem>[] otherMenus)
        {
            if (!ReferenceEquals(config, otherConfig) || !ReferenceEquals(assets, otherAssets) || menus.Length != otherMenus.Length)
            {
                return false;
            }

            for (int i = 0; i < menus.Length; i++)
            {
                if (!ReferenceEquals(menus[i], otherMenus[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary><c>site.produces</c>: output kind → whether the site makes it (disableKinds).</summary>
    private static Dictionary<string, object?> Produces(SiteConfig config)
    {
        var produces = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string kind in OutputKinds.All)
        {
            produces[kind] = config.Produces(kind);
        }

        return produces;
    }

    /// <summary>A menu as a tree: the top-level entries (no parent, or a parent that is not in
    /// the menu), each with its <c>children</c> (entries whose <c>parent</c> names it), in menu
    /// order at every level.</summary>
    internal static List<object?> MenuContext(ValueList<MenuItem> items)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (MenuItem item in items)
        {
            names.Add(item.Name);
        }

        var placed = new HashSet<MenuItem>(ReferenceEqualityComparer.Instance);
        List<object?> Level(string? parent)
        {
            var level = new List<object?>();
            foreach (MenuItem item in items)
            {
                bool top = item.Parent is null || !names.Contains(item.Parent);
                if ((parent is null ? top : item.Parent == parent) && placed.Add(item))
                {
                    level.Add(new MenuEntryContext(item, Level(item.Name)));
                }
            }

            return level;
        }

        List<object?> tree = Level(null);
        foreach (MenuItem item in items)
        {
            if (placed.Add(item)) // entries whose parents name each other: shown at the top
            {
                tree.Add(new MenuEntryContext(item, []));
            }
        }

        return tree;
    }

    /// <summary>What templates see as <c>page</c> (and as each item of a list): a view whose
    /// values are read when a template asks for them, so an output depends only on what its
    /// templates use (a list that shows titles and summaries does not re-render when a page's
    /// word count changes).</summary>
    /// <remarks>With <paramref name="images"/>, the view also has <c>images</c>, the page's images
    /// for the <c>image</c> helper (a list's item shows its own page's pictures).</remarks>
    internal PageView PageContext(string source, bool withContent, PageImageResolver? images = null)
    {
        var view = new PageView(this, source, withContent);
        if (images is not null)
        {
            view["images"] = images;
        }

        return view;
    }

    /// <summary>The fields of a page in every view, lists included; each has its case in
    /// <see cref="PageField"/>. A new page field is its name here and its case there.</summary>
    internal static readonly string[] PageListFields =
        ["date", "dateIso", "dateText", "description", "lastmod", "params", "permalink", "readingMinutes", "section", "summary", "title", "url", "words"];

    /// <summary>The fields of a page only in its own view (with content), besides its terms.</summary>
    internal static readonly string[] PageContentFields =
        ["breadcrumbs", "content", "next", "prev", "related", "toc"];

    /// <summary>The value of one field of a page's view (see <see cref="PageView"/>).</summary>
    internal object? PageField(string source, string field)
    {
        switch (field)
        {
            case "title":
                return PageTitle(source);
            case "url":
                return Get(Url, source);
            case "permalink":
                return Permalink(Get(Url, source));
            case "summary":
                return Get(Summary, source);
            case "description":
                return Get(Meta, source).Description;
            case "date":
                return Get(Meta, source).Date;
            case "dateIso":
                return Get(Meta, source).Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            case "dateText":
                return Get(Meta, source).Date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            case "lastmod":
                return Get(Meta, source).LastMod;
            case "words":
                return Get(WordCount, source);
            case "readingMinutes":
                return Get(ReadingMinutes, source);
            case "params":
                return TemplateValues.From(Get(Meta, source).Params);
            case "section":
                return Permalinks.Split(source).Folder;
            case "content":
                return Get(Rendered, source).Html;
            case "toc":
                return Get(Rendered, source).Toc.Select(t => (object?)new TocContext(t)).ToList();
            case "breadcrumbs":
                return Breadcrumbs(Permalinks.Split(source).Folder);
            case "prev":
                return Get(Previous, source) is { } previous ? Link(previous) : null;
            case "next":
                return Get(Next, source) is { } next ? Link(next) : null;
            case "related":
                return Get(Related, source).Select(r => (object?)Link(r)).ToList();
            default:
                // A taxonomy: the page's terms with their URLs.
                return Get(Meta, source).Terms(field).Select(term => (object?)new TermContext(term, "/" + field + "/" + Slug.Of(term) + "/")).ToList();
        }
    }

    internal LinkContext Link(string source) => new(PageTitle(source), Get(Url, source));

    /// <summary>Home, then each enclosing section, for a page in <paramref name="folder"/>.</summary>
    internal List<object?> Breadcrumbs(string folder)
    {
        var crumbs = new List<object?> { SectionLink(string.Empty) };
        if (folder.Length > 0)
        {
            string[] parts = folder.Split('/');
            for (int i = 1; i <= parts.Length; i++)
            {
                crumbs.Add(SectionLink(string.Join('/', parts[..i])));
            }
        }

        return crumbs;
    }

    internal LinkContext SectionLink(string folder) => new(SectionTitle(folder, root: "Home"), folder.Length == 0 ? "/" : "/" + folder + "/");
}
