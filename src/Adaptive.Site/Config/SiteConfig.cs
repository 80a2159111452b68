namespace Adaptive.Site;

/// <summary>A menu declared in adapt.yaml.</summary>
/// <param name="Name">The menu's name (e.g. <c>main</c>).</param>
/// <param name="Entries">Its entries, as declared.</param>
public sealed record ConfigMenu(string Name, ValueList<ConfigMenuEntry> Entries);

/// <summary>An entry of a menu declared in adapt.yaml.</summary>
/// <param name="Name">The label.</param>
/// <param name="Url">Where it links.</param>
/// <param name="Weight">Order within the menu (lower first).</param>
/// <param name="Parent">The name of a parent entry.</param>
public sealed record ConfigMenuEntry(string Name, string Url, int Weight, string? Parent);

/// <summary>How broken internal links in the generated HTML are reported.</summary>
public enum LinkCheck
{
    /// <summary>As warnings: the build succeeds.</summary>
    Warning,

    /// <summary>As errors: the build fails.</summary>
    Error,

    /// <summary>Not checked.</summary>
    Off,
}

/// <summary>The kinds of output <c>disableKinds</c> in adapt.yaml can turn off (Hugo's names).</summary>
public static class OutputKinds
{
    /// <summary>Feeds: the home page's, each section's and each term's <c>index.xml</c>.</summary>
    public const string Rss = "rss";

    /// <summary><c>sitemap.xml</c>.</summary>
    public const string Sitemap = "sitemap";

    /// <summary><c>robots.txt</c>.</summary>
    public const string Robots = "robots";

    /// <summary><c>search.json</c>, the search index.</summary>
    public const string Search = "search";

    /// <summary><c>404.html</c>.</summary>
    public const string NotFound = "404";

    /// <summary>A taxonomy's page listing its terms (<c>/tags/</c>).</summary>
    public const string Taxonomy = "taxonomy";

    /// <summary>A term's pages listing what carries it (<c>/tags/dotnet/</c>), and its feed.</summary>
    public const string Term = "term";

    /// <summary>A section's list pages (<c>/blog/</c>, <c>/blog/page/2/</c>), and its feed.</summary>
    public const string Section = "section";

    /// <summary>The home page and its pagination, and its feed.</summary>
    public const string Home = "home";

    /// <summary>Regular pages (and their aliases). They are still listed, counted and searched.</summary>
    public const string Page = "page";

    /// <summary>Every kind, in the order the documentation gives them.</summary>
    public static readonly ValueList<string> All = new([Rss, Sitemap, Robots, Search, NotFound, Taxonomy, Term, Section, Home, Page]);
}

/// <summary>
/// The site's configuration, from <c>adapt.yaml</c>. Compared by value: an edit that changes
/// nothing the pages use re-renders nothing.
/// </summary>
public sealed record SiteConfig
{
    /// <summary>The taxonomies used when adapt.yaml names none.</summary>
    public static readonly ValueList<string> DefaultTaxonomies = new(["tags", "categories"]);

    /// <summary>The site's title.</summary>
    public string Title { get; init; } = "My Site";

    /// <summary>The absolute URL the site is served from (for feeds, sitemaps, canonical links), ending with '/'.</summary>
    public string BaseUrl { get; init; } = "http://localhost:1313/";

    /// <summary>The language code (the <c>lang</c> attribute, feeds).</summary>
    public string Language { get; init; } = "en";

    /// <summary>The site's description.</summary>
    public string? Description { get; init; }

    /// <summary>The default author.</summary>
    public string? Author { get; init; }

    /// <summary>Taxonomy names (plural, as used in front matter and URLs).</summary>
    public ValueList<string> Taxonomies { get; init; } = DefaultTaxonomies;

    /// <summary>The menus, by name order.</summary>
    public ValueList<ConfigMenu> Menus { get; init; } = ValueList<ConfigMenu>.Empty;

    /// <summary>Items per page of a paginated list (home, sections, terms).</summary>
    public int PaginationSize { get; init; } = 10;

    /// <summary>URL patterns per section (e.g. <c>blog: /:year/:month/:slug/</c>).</summary>
    public ValueDictionary Permalinks { get; init; } = ValueDictionary.Empty;

    /// <summary>Free-form values visible to templates as <c>site.params</c>.</summary>
    public ValueDictionary Params { get; init; } = ValueDictionary.Empty;

    /// <summary>Build drafts.</summary>
    public bool BuildDrafts { get; init; }

    /// <summary>Build pages dated in the future.</summary>
    public bool BuildFuture { get; init; }

    /// <summary>What a broken internal link in the generated HTML is (<c>build.links</c>).</summary>
    public LinkCheck LinkCheck { get; init; } = LinkCheck.Warning;

    /// <summary>Output kinds not produced (<c>disableKinds</c>, as Hugo spells it): names from
    /// <see cref="OutputKinds"/>, lower case, sorted, each once.</summary>
    public ValueList<string> DisabledKinds { get; init; } = ValueList<string>.Empty;

    /// <summary><c>minify: true</c>: the HTML, CSS and JS outputs are minified (as <c>adapt build --minify</c>).</summary>
    public bool Minify { get; init; }

    /// <summary>True when <paramref name="kind"/> (one of <see cref="OutputKinds"/>) is produced.</summary>
    public bool Produces(string kind) => !DisabledKinds.Contains(kind);

    /// <summary>The entries of one menu declared in adapt.yaml (empty when none).</summary>
    public ValueList<ConfigMenuEntry> Menu(string name) =>
        Menus.FirstOrDefault(m => m.Name == name)?.Entries ?? ValueList<ConfigMenuEntry>.Empty;
}
