using System.Runtime.CompilerServices;
using System.Globalization;
using Adaptive.Core;
using System.Text;
using System.Text.Json;

namespace Adaptive.Site;

/// <summary>
/// What a site's values are, as plain computations over an <see cref="ISiteModel"/>: the one
/// implementation both build strategies share. The adaptive <see cref="Site"/> calls these from
/// its memos (so reads through the model are tracked dependencies); the phased pipeline calls
/// them from its phases over values it computed before (docs/design/phased-vs-adaptive.md).
/// </summary>
internal sealed partial class SiteLogic(ISiteModel model)
{
    internal const int FeedItems = 20;

    /// <summary>The model the computations read.</summary>
    internal ISiteModel Model => model;

    internal SiteConfig ComputeConfig()
    {
        return FileExists(SiteConfigParser.FileName) ? SiteConfigParser.Parse(Text(SiteConfigParser.FileName)) : new SiteConfig();
    }

    internal string ComputeFrontMatterSource(string source) => FrontMatterParser.Split(source, Text(source)).Yaml;

    internal PageBody ComputeBodySource(string source)
    {
        FrontMatterParser.Parts parts = FrontMatterParser.Split(source, Text(source));
        return new PageBody(parts.Body, parts.BodyLine);
    }

    internal FrontMatter ComputeMeta(string source) => FrontMatterParser.ReadYaml(source, FrontMatterSource(source), Config.Taxonomies);

    internal bool ComputeIsPublished(string source)
    {
        FrontMatter meta = Meta(source);
        if (meta.Draft && !ShowsDrafts)
        {
            return false;
        }

        return meta.Date is not { } date || IsDue(date.UtcTicks);
    }

    // The build options change in every process (Now is the clock), so pages read them through
    // these two: a new process re-executes one small memo per distinct date, and the pages only
    // verify unless a date was crossed.
    internal bool ComputeShowsDrafts() => Options.Drafts || Config.BuildDrafts;

    internal bool ComputeIsDue(long utcTicks)
    {
        BuildOptions options = Options;
        return options.Future || Config.BuildFuture || utcTicks <= (options.Now?.UtcTicks ?? long.MaxValue);
    }

    internal string ComputeUrl(string source)
    {
        FrontMatter meta = Meta(source);
        try
        {
            return Permalinks.For(source, meta, Config);
        }
        catch (SiteException ex)
        {
            throw AtFrontMatterKey(ex, source, meta.Url is not null ? "url" : "slug");
        }
    }

    /// <summary>A page's diagnostic without a line, placed at the front matter value it is
    /// about (the <c>url</c>, <c>slug</c> or <c>aliases</c> that made the bad path).</summary>
    internal SiteException AtFrontMatterKey(SiteException error, string source, string key)
    {
        SiteDiagnostic diagnostic = error.Diagnostic;
        if (diagnostic.Line != 0 || diagnostic.File != source)
        {
            return error;
        }

        (int line, int column) = FrontMatterParser.Locate(source, FrontMatterSource(source), key);
        return line == 0 ? error : new SiteException(diagnostic with { Line = line, Column = column });
    }

    internal RenderedMarkdown ComputeRendered(string source)
    {
        PageBody body = BodySource(source);
        return MarkdownRenderer.Render(source, body.Markdown, body.Line, UrlOfSource, target => IncludedSummary(source, target));
    }

    internal ValueList<string> ComputeIncludes(string source)
    {
        try
        {
            return MarkdownRenderer.Includes(source, BodySource(source).Markdown);
        }
        catch (SiteException)
        {
            return ValueList<string>.Empty; // the page's own error is reported by its output
        }
    }

    /// <summary>The summary <paramref name="source"/> includes from <paramref name="target"/>,
    /// null when there is no such page. Including a page that (through its own includes) includes
    /// this one would never finish: found first, by walking the includes, and reported naming
    /// every page on the cycle.</summary>
    private string? IncludedSummary(string source, string target)
    {
        if (UrlOfSource(target) is null)
        {
            return null;
        }

        var from = new Dictionary<string, string?>(StringComparer.Ordinal) { [target] = null };
        var queue = new Queue<string>();
        queue.Enqueue(target);
        while (queue.Count > 0)
        {
            string page = queue.Dequeue();
            if (page == source)
            {
                var cycle = new List<string>();
                for (string? at = page; at is not null; at = from[at])
                {
                    cycle.Add(at);
                }

                cycle.Reverse(); // target → … → source
                throw new IncludeCycleException(
                    $"including the summary of '{target}' makes a cycle through page content: {source} → {string.Join(" → ", cycle)}. Remove one of the includes");
            }

            if (!HasFile(page) || !page.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string next in Includes(page))
            {
                if (from.TryAdd(next, page))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return Summary(target);
    }

    internal string? ComputeUrlOfSource(string source)
    {
        return HasFile(source) && IsListed(source) ? Url(source) : null;
    }

    /// <summary>True when the page is published; false when it is not, or when its front matter
    /// has an error (reported by the page's own output). The dependency is recorded either way,
    /// so fixing the page repairs every list.</summary>
    internal bool IsListed(string source)
    {
        try
        {
            return IsPublished(source) && Url(source).Length > 0; // a page without a valid URL is broken, not listed
        }
        catch (SiteException)
        {
            return false;
        }
    }

    internal ValueList<string> ComputeBrokenPages() =>
        new(Files.Content.Where(source => !Site.IsSectionIndex(source) && !IsListed(source) && IsBroken(source)));

    internal bool IsBroken(string source)
    {
        try
        {
            if (IsPublished(source))
            {
                _ = Url(source);
            }

            return false;
        }
        catch (SiteException)
        {
            return true;
        }
    }

    internal ValueList<string> ComputePages()
    {
        var pages = new List<(string Source, FrontMatter Meta)>();
        foreach (string source in Files.Content)
        {
            if (!Site.IsSectionIndex(source) && IsListed(source))
            {
                pages.Add((source, Meta(source)));
            }
        }

        pages.Sort(static (a, b) => CompareForLists(a.Source, a.Meta, b.Source, b.Meta));
        return new ValueList<string>(pages.Select(p => p.Source));
    }

    internal ValueList<string> ComputeSectionPages(string section) =>
        s_pagesByFolder.GetValue(Pages, static pages => GroupByFolder(pages)).TryGetValue(section, out ValueList<string>? found)
            ? found
            : ValueList<string>.Empty;

    // Pages grouped by folder, once per value of Pages (a pure function of it, so caching it by
    // reference is invisible to the runtime): listing 6,000 sections no longer scans every page
    // for each.
    private static readonly ConditionalWeakTable<ValueList<string>, Dictionary<string, ValueList<string>>> s_pagesByFolder = [];

    private static Dictionary<string, ValueList<string>> GroupByFolder(ValueList<string> pages)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string source in pages)
        {
            string folder = Permalinks.Split(source).Folder;
            if (!groups.TryGetValue(folder, out List<string>? group))
            {
                groups[folder] = group = [];
            }

            group.Add(source);
        }

        var result = new Dictionary<string, ValueList<string>>(groups.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, List<string>> group in groups)
        {
            result[group.Key] = new ValueList<string>(group.Value);
        }

        return result;
    }

    internal static int CompareForLists(string leftSource, FrontMatter left, string rightSource, FrontMatter right)
    {
        int order = left.Weight.CompareTo(right.Weight);
        if (order == 0)
        {
            order = -Nullable.Compare(left.Date, right.Date);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(left.Title ?? string.Empty, right.Title ?? string.Empty);
        }

        return order != 0 ? order : string.CompareOrdinal(leftSource, rightSource);
    }

    /// <summary>The first existing layout of <paramref name="candidates"/>; a missing one is a
    /// diagnostic on <paramref name="file"/> listing what was tried.</summary>
    internal TemplateSource FindLayout(IEnumerable<string> candidates, string file) =>
        FirstLayout(candidates) ?? throw new SiteException(new SiteDiagnostic(file, 0, 0, "no layout: create one of " + Tried(candidates)));

    private TemplateSource? FirstLayout(IEnumerable<string> candidates)
    {
        foreach (string name in candidates)
        {
            if (Layout(name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Tried(IEnumerable<string> candidates) => string.Join(", ", candidates.Select(static name => "layouts/" + name + ".hbs"));

    /// <summary>A page's front-matter layout that exists nowhere: located at its <c>layout:</c>
    /// value, naming every file tried.</summary>
    private SiteException LayoutNotFound(string source, string layout, IEnumerable<string> candidates)
    {
        (int line, int column) = FrontMatterParser.Locate(source, FrontMatterSource(source), "layout");
        return new SiteException(new SiteDiagnostic(source, line, column,
            $"layout '{layout}' not found (tried: {Tried(candidates)}): create one of these files or fix the name"));
    }

    /// <summary>Renders <paramref name="layout"/>, then the base layout around it (<c>{{{content}}}</c>).</summary>
    internal string Render(TemplateSource layout, Dictionary<string, object?> context)
    {
        string content = Compile(layout).Render(context);
        if (Layout("_default/baseof") is not { } baseof)
        {
            return content;
        }

        context["content"] = content;
        return Compile(baseof).Render(context);
    }

    internal CompiledTemplate Compile(TemplateSource template) =>
        TemplateCache.Compile(template, PartialInliner.Inline(template, name => Layout("partials/" + name)));

    internal TemplateSource? ComputeLayout(string name)
    {
        string path = "layouts/" + name + ".hbs";
        return Files.Layouts.BinarySearch(path, StringComparer.Ordinal) >= 0
            ? new TemplateSource(name, path, Text(path))
            : DefaultTheme.Layout(name);
    }

    internal ValueDictionary ComputeAssets()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Files.Assets)
        {
            paths.Add(file["assets/".Length..]);
        }

        foreach (string file in DefaultTheme.Files)
        {
            if (file.StartsWith("assets/", StringComparison.Ordinal))
            {
                paths.Add(file["assets/".Length..]);
            }
        }

        return new ValueDictionary(paths.Select(path => new KeyValuePair<string, object?>(path, FingerprintedUrl(path, AssetBytes(path)))));
    }

    internal byte[] ComputeAssetBytes(string path)
    {
        string file = "assets/" + path;
        return Files.Assets.BinarySearch(file, StringComparer.Ordinal) >= 0 ? FileBytes(file) : DefaultTheme.File(file) ?? [];
    }

    internal static string FingerprintedUrl(string path, byte[] bytes)
    {
        string hash = Fingerprint128.Of(bytes).ToString()[..8];
        int dot = path.LastIndexOf('.');
        return "/" + (dot > path.LastIndexOf('/') ? path[..dot] + "." + hash + path[dot..] : path + "." + hash);
    }

    internal string ComputePageHtml(string source)
    {
        FrontMatter meta = Meta(source);
        string folder = Permalinks.Split(source).Folder;
        string section = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;
        TemplateSource layout = meta.Layout is { } chosen
            ? FirstLayout(Site.SingleLayouts(section, chosen)) ?? throw LayoutNotFound(source, chosen, Site.SingleLayouts(section, chosen))
            : FindLayout(Site.SingleLayouts(section, null), source);
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = PageContext(source, withContent: true),
        };
        return Render(layout, context);
    }

    /// <summary>What templates see as <c>site</c>. Every value it is built from is read here (so
    /// the calling computation depends on it); the dictionary itself is built once for those
    /// values and shared by every page that reads the same ones — it is never changed after it
    /// is built, and <c>site.data</c> reads each data file when a template asks for it. Built
    /// per page it cost a 4,000-post build ~0.5 s of CPU.</summary>
    internal Dictionary<string, object?> SiteContext()
    {
        SiteConfig config = Config;
        ValueDictionary assets = Assets;
        var menus = new ValueList<MenuItem>[config.Menus.Count + 1];
        menus[0] = Menu("main");
        for (int i = 0; i < config.Menus.Count; i++)
        {
            menus[i + 1] = Menu(config.Menus[i].Name);
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

        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = config.Title,
            ["baseUrl"] = config.BaseUrl,
            ["language"] = config.Language,
            ["description"] = config.Description,
            ["author"] = config.Author,
            ["params"] = TemplateValues.From(config.Params),
            ["menus"] = menuContexts,
            ["assets"] = TemplateValues.From(assets),
            ["data"] = new DataContext(this),
            ["taxonomies"] = config.Taxonomies.Select(t => new Dictionary<string, object?> { ["name"] = t, ["url"] = "/" + t + "/" }).ToList(),
            ["produces"] = Produces(config),
        };
        Volatile.Write(ref _siteContext, new SharedSiteContext(config, assets, menus, context));
        return context;
    }

    private SharedSiteContext? _siteContext;

    /// <summary>The <c>site</c> dictionary and the values it was built from (compared by
    /// reference: a memo's value is a new object when it changes).</summary>
    private sealed class SharedSiteContext(SiteConfig config, ValueDictionary assets, ValueList<MenuItem>[] menus, Dictionary<string, object?> context)
    {
        public Dictionary<string, object?> Context { get; } = context;

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
                    level.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["name"] = item.Name,
                        ["url"] = item.Url,
                        ["weight"] = item.Weight,
                        ["parent"] = item.Parent,
                        ["children"] = Level(item.Name),
                    });
                }
            }

            return level;
        }

        List<object?> tree = Level(null);
        foreach (MenuItem item in items)
        {
            if (placed.Add(item)) // entries whose parents name each other: shown at the top
            {
                tree.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = item.Name, ["url"] = item.Url, ["weight"] = item.Weight, ["parent"] = item.Parent, ["children"] = new List<object?>(),
                });
            }
        }

        return tree;
    }

    /// <summary>What templates see as <c>page</c> (and as each item of a list): a view whose
    /// values are read when a template asks for them, so an output depends only on what its
    /// templates use (a list that shows titles and summaries does not re-render when a page's
    /// word count changes).</summary>
    internal PageView PageContext(string source, bool withContent) => new(this, source, withContent);

    /// <summary>The value of one field of a page's view (see <see cref="PageView"/>).</summary>
    internal object? PageField(string source, string field)
    {
        switch (field)
        {
            case "title":
                return Meta(source).Title ?? Permalinks.Split(source).Name;
            case "url":
                return Url(source);
            case "permalink":
                return Config.BaseUrl + Url(source).TrimStart('/');
            case "summary":
                return Summary(source);
            case "description":
                return Meta(source).Description;
            case "date":
                return Meta(source).Date;
            case "dateIso":
                return Meta(source).Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            case "dateText":
                return Meta(source).Date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            case "lastmod":
                return Meta(source).LastMod;
            case "words":
                return WordCount(source);
            case "readingMinutes":
                return ReadingMinutes(source);
            case "params":
                return TemplateValues.From(Meta(source).Params);
            case "section":
                return Permalinks.Split(source).Folder;
            case "content":
                return Rendered(source).Html;
            case "toc":
                return Rendered(source).Toc.Select(t => (object?)new Dictionary<string, object?> { ["level"] = t.Level, ["id"] = t.Id, ["text"] = t.Text }).ToList();
            case "breadcrumbs":
                return Breadcrumbs(Permalinks.Split(source).Folder);
            case "prev":
                return Previous(source) is { } previous ? Link(previous) : null;
            case "next":
                return Next(source) is { } next ? Link(next) : null;
            case "related":
                return Related(source).Select(r => (object?)Link(r)).ToList();
            default:
                // A taxonomy: the page's terms with their URLs.
                return Meta(source).Terms(field).Select(term => (object?)new Dictionary<string, object?>
                {
                    ["name"] = term,
                    ["url"] = "/" + field + "/" + Slug.Of(term) + "/",
                }).ToList();
        }
    }

    internal string ComputeSummary(string source)
    {
        if (Meta(source).Summary is { } summary)
        {
            return System.Net.WebUtility.HtmlEncode(summary);
        }

        return RenderedOrNull(source)?.SummaryHtml ?? string.Empty;
    }

    internal int ComputeWordCount(string source) => RenderedOrNull(source)?.WordCount ?? 0;

    internal int ComputeReadingMinutes(string source) => RenderedOrNull(source)?.ReadingMinutes ?? 0;

    // What lists read of other pages: a page that does not render shows as empty there (its own
    // output reports the error).
    private RenderedMarkdown? RenderedOrNull(string source)
    {
        try
        {
            return Rendered(source);
        }
        catch (SiteException)
        {
            return null;
        }
    }

    internal Dictionary<string, object?> Link(string source) => new(StringComparer.Ordinal)
    {
        ["title"] = Meta(source).Title ?? Permalinks.Split(source).Name,
        ["url"] = Url(source),
    };

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

    internal Dictionary<string, object?> SectionLink(string folder)
    {
        string index = folder.Length == 0 ? "content/_index.md" : "content/" + folder + "/_index.md";
        string title = HasFile(index) && Meta(index).Title is { } t
            ? t
            : folder.Length == 0 ? "Home" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(folder[(folder.LastIndexOf('/') + 1)..].Replace('-', ' '));
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = title, ["url"] = folder.Length == 0 ? "/" : "/" + folder + "/" };
    }

    internal SiteReport ComputeReport()
    {
        var problems = new List<SiteDiagnostic>(OutputConflicts);
        problems.AddRange(DataProblems);
        problems.AddRange(LinkProblems);
        problems.AddRange(ContentWarnings);
        return new SiteReport(Pages.Count, new ValueList<SiteDiagnostic>(problems));
    }

    internal ValueList<SiteDiagnostic> ComputeOutputConflicts() => Claims.Problems;

    internal bool ComputeIsEmpty(string source)
    {
        try
        {
            return string.IsNullOrWhiteSpace(Text(source));
        }
        catch (SiteException)
        {
            return false; // not text: its own error says so
        }
    }

    /// <summary>Warnings about pages that build but are probably not what the author meant.</summary>
    internal ValueList<SiteDiagnostic> ComputeContentWarnings()
    {
        var warnings = new List<SiteDiagnostic>();
        foreach (string source in Files.Content)
        {
            if (IsEmpty(source))
            {
                warnings.Add(new SiteDiagnostic(source, 0, 0,
                    "the page is empty: it is published with no title and no content. Write it, or delete the file", DiagnosticSeverity.Warning));
            }
        }

        return new ValueList<SiteDiagnostic>(warnings);
    }

    internal ValueList<string> ComputeSections()
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (string source in Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            string folder = Permalinks.Split(source).Folder;
            while (folder.Length > 0)
            {
                folders.Add(folder);
                int slash = folder.LastIndexOf('/');
                folder = slash < 0 ? string.Empty : folder[..slash];
            }
        }

        return new ValueList<string>(folders);
    }

    internal OutputClaims ComputeClaims()
    {
        SiteConfig config = Config;
        var claims = new List<(string Path, string Key, string File)>();
        var problems = new List<SiteDiagnostic>();
        var disabled = new List<string>();

        // kind and owner: the output kinds (OutputKinds) that must both be produced; an output of a
        // disabled kind is not claimed, but its path is kept so links to it are not broken.
        void Claim(string key, string file, Func<string> path, string? kind = null, string? owner = null)
        {
            bool off = (kind is not null && !config.Produces(kind)) || (owner is not null && !config.Produces(owner));
            try
            {
                string claimed = path();
                if (off)
                {
                    disabled.Add(claimed);
                }
                else
                {
                    claims.Add((claimed, key, file));
                }
            }
            catch (SiteException ex) when (!off)
            {
                problems.Add(ex.Diagnostic);
            }
            catch (SiteException)
            {
                // a disabled output with an invalid URL is not an output
            }
        }

        foreach (string source in BrokenPages)
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Url(source), source)); // reports the page's error
        }

        foreach (string source in Pages)
        {
            Claim("page:" + source, source, () => OutputPath.ForUrl(Url(source), source), OutputKinds.Page);
            ValueList<string> aliases = Meta(source).Aliases;
            for (int i = 0; i < aliases.Count; i++)
            {
                string alias = aliases[i];
                Claim(string.Create(CultureInfo.InvariantCulture, $"alias:{source}:{i}"), source, () =>
                {
                    try
                    {
                        return OutputPath.ForUrl(OutputPath.NormalizeUrl(alias, source), source);
                    }
                    catch (SiteException ex)
                    {
                        throw AtFrontMatterKey(ex, source, "aliases");
                    }
                }, OutputKinds.Page);
            }
        }

        foreach (string folder in Sections)
        {
            string listKind = folder.Length == 0 ? OutputKinds.Home : OutputKinds.Section;
            int count = PageCount(folder.Length == 0 ? Pages.Count : SectionPages(folder).Count, config);
            for (int n = 1; n <= count; n++)
            {
                int number = n;
                Claim(string.Create(CultureInfo.InvariantCulture, $"list:{folder}:{n}"), IndexSource(folder), () => ListPath(folder, number), listKind);
            }

            Claim("feed:" + folder, IndexSource(folder), () => (folder.Length == 0 ? string.Empty : folder + "/") + "index.xml", OutputKinds.Rss, listKind);
        }

        foreach (string taxonomy in config.Taxonomies)
        {
            Claim("taxonomy:" + taxonomy, SiteConfigParser.FileName, () => taxonomy + "/index.html", OutputKinds.Taxonomy);
            foreach (TermPages term in Terms(taxonomy))
            {
                string folder = taxonomy + "/" + term.Slug;
                int count = PageCount(term.Pages.Count, config);
                for (int n = 1; n <= count; n++)
                {
                    int number = n;
                    Claim(string.Create(CultureInfo.InvariantCulture, $"term:{folder}:{n}"), term.Pages[0], () => ListPath(folder, number), OutputKinds.Term);
                }

                Claim("feed:" + folder, term.Pages[0], () => folder + "/index.xml", OutputKinds.Rss, OutputKinds.Term);
            }
        }

        Claim("404", "layouts/404.hbs", () => "404.html", OutputKinds.NotFound);
        Claim("sitemap", SiteConfigParser.FileName, () => "sitemap.xml", OutputKinds.Sitemap);
        Claim("robots", SiteConfigParser.FileName, () => "robots.txt", OutputKinds.Robots);
        Claim("search", SiteConfigParser.FileName, () => "search.json", OutputKinds.Search);
        foreach (string file in Files.Static)
        {
            string path = file[(file.IndexOf('/', StringComparison.Ordinal) + 1)..]; // static/x, content/blog/x
            Claim("static:" + file, file, () =>
            {
                _ = OutputPath.ForUrl("/" + path, file); // a name with '\\' or ':' is refused like a URL
                return path;
            });
        }

        foreach (KeyValuePair<string, object?> asset in Assets)
        {
            Claim("asset:" + asset.Key, "assets/" + asset.Key, () => ((string)asset.Value!).TrimStart('/'));
        }

        var entries = new SortedDictionary<string, (string Key, string File)>(StringComparer.Ordinal);
        foreach ((string path, string key, string file) in claims)
        {
            if (entries.TryGetValue(path, out (string Key, string File) first))
            {
                problems.Add(new SiteDiagnostic(file, 0, 0,
                    $"'{path}' would be written by both '{first.File}' and '{file}': give one of them another url, slug or alias"));
                continue;
            }

            entries[path] = (key, file);
        }

        // Paths that differ only in letter case are one file on macOS and Windows: the output
        // would depend on the file system. The first (in ordinal order) keeps the path.
        var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clashes = new List<string>();
        foreach (KeyValuePair<string, (string Key, string File)> entry in entries)
        {
            if (folded.TryGetValue(entry.Key, out string? other))
            {
                problems.Add(new SiteDiagnostic(entry.Value.File, 0, 0,
                    $"'{entry.Key}' (from '{entry.Value.File}') and '{other}' (from '{entries[other].File}') differ only in letter case: on macOS and Windows one would overwrite the other. Rename one"));
                clashes.Add(entry.Key);
            }
            else
            {
                folded[entry.Key] = entry.Key;
            }
        }

        foreach (string clash in clashes)
        {
            entries.Remove(clash);
        }

        disabled.Sort(StringComparer.Ordinal);
        return new OutputClaims(
            new ValueList<OutputEntry>(entries.Select(e => new OutputEntry(e.Key, e.Value.Key, e.Value.File))),
            new ValueList<SiteDiagnostic>(problems),
            new ValueList<string>(disabled));
    }

    internal static int PageCount(int items, SiteConfig config) => Math.Max(1, (items + config.PaginationSize - 1) / config.PaginationSize);

    internal static string ListPath(string folder, int number) =>
        (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/")) + "index.html";

    internal static string ListUrl(string folder, int number) =>
        "/" + (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/"));

    internal static string IndexSource(string folder) => folder.Length == 0 ? "content/_index.md" : "content/" + folder + "/_index.md";

    internal byte[] ComputeOutput(string key)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? key : key[..colon];
        string argument = colon < 0 ? string.Empty : key[(colon + 1)..];
        return kind switch
        {
            "page" => Encoding.UTF8.GetBytes(PageHtml(argument)),
            "list" => Encoding.UTF8.GetBytes(ListHtml(argument)),
            "term" => Encoding.UTF8.GetBytes(TermHtml(argument)),
            "taxonomy" => Encoding.UTF8.GetBytes(TaxonomyHtml(argument)),
            "alias" => Encoding.UTF8.GetBytes(AliasHtml(argument)),
            "feed" => Feed(argument),
            "sitemap" => Sitemap(),
            "robots" => Encoding.UTF8.GetBytes("User-agent: *\nAllow: /\n" + (Config.Produces(OutputKinds.Sitemap) ? "Sitemap: " + Config.BaseUrl + "sitemap.xml\n" : string.Empty)),
            "search" => SearchIndex(),
            "404" => Encoding.UTF8.GetBytes(Render(FindLayout(["404"], "layouts/404.hbs"),
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["site"] = SiteContext(), ["page"] = new Dictionary<string, object?> { ["title"] = "Page not found", ["url"] = "/404.html" } })),
            "static" => FileBytes(argument),
            "asset" => AssetBytes(argument),
            _ => throw new InvalidOperationException("unknown output key " + key),
        };
    }

    internal string ListHtml(string argument)
    {
        (string folder, int number) = SplitNumbered(argument);
        ValueList<string> pages = folder.Length == 0 ? Pages : SectionPages(folder);
        string index = IndexSource(folder);
        IDictionary<string, object?> page = HasFile(index) && IsListed(index)
            ? PageContext(index, withContent: true)
            : new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = folder.Length == 0 ? Config.Title : SectionTitle(folder) };
        page["url"] = ListUrl(folder, number);
        page["permalink"] = Config.BaseUrl + ListUrl(folder, number).TrimStart('/');
        page["breadcrumbs"] = folder.Length == 0 ? null : Breadcrumbs(folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : string.Empty);
        var context = ListContext(page, pages, folder, number);
        context["sections"] = Sections
            .Where(s => s.Length > 0 && (folder.Length == 0 ? !s.Contains('/', StringComparison.Ordinal) : s.StartsWith(folder + "/", StringComparison.Ordinal) && !s[(folder.Length + 1)..].Contains('/', StringComparison.Ordinal)))
            .Select(s => (object?)new Dictionary<string, object?> { ["title"] = SectionTitle(s), ["url"] = "/" + s + "/" })
            .ToList();
        string section = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;
        IEnumerable<string> layouts = folder.Length == 0 ? ["home", "_default/list"] : [section + "/list", "_default/list"];
        return Render(FindLayout(layouts, index), context);
    }

    internal string TermHtml(string argument)
    {
        (string folder, int number) = SplitNumbered(argument);
        string taxonomy = folder[..folder.IndexOf('/', StringComparison.Ordinal)];
        string slug = folder[(taxonomy.Length + 1)..];
        TermPages term = Terms(taxonomy).First(t => t.Slug == slug);
        var page = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = term.Name,
            ["url"] = ListUrl(folder, number),
            ["permalink"] = Config.BaseUrl + ListUrl(folder, number).TrimStart('/'),
        };
        Dictionary<string, object?> context = ListContext(page, term.Pages, folder, number);
        context["taxonomy"] = new Dictionary<string, object?> { ["title"] = SectionTitle(taxonomy), ["url"] = "/" + taxonomy + "/" };
        return Render(FindLayout([taxonomy + "/term", "term", "_default/list"], term.Pages[0]), context);
    }

    internal string TaxonomyHtml(string taxonomy)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = new Dictionary<string, object?> { ["title"] = SectionTitle(taxonomy), ["url"] = "/" + taxonomy + "/", ["permalink"] = Config.BaseUrl + taxonomy + "/" },
            ["terms"] = Terms(taxonomy).Select(t => (object?)new Dictionary<string, object?>
            {
                ["name"] = t.Name,
                ["url"] = "/" + taxonomy + "/" + t.Slug + "/",
                ["count"] = t.Pages.Count,
            }).ToList(),
        };
        return Render(FindLayout([taxonomy + "/taxonomy", "taxonomy", "_default/list"], SiteConfigParser.FileName), context);
    }

    internal Dictionary<string, object?> ListContext(IDictionary<string, object?> page, ValueList<string> pages, string folder, int number)
    {
        int size = Config.PaginationSize;
        int count = PageCount(pages.Count, Config);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = page,
            ["pages"] = pages.Skip((number - 1) * size).Take(size).Select(p => (object?)PageContext(p, withContent: false)).ToList(),
            ["paginator"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["number"] = number,
                ["count"] = count,
                ["hasPages"] = count > 1,
                ["prev"] = number > 1 ? ListUrl(folder, number - 1) : null,
                ["next"] = number < count ? ListUrl(folder, number + 1) : null,
            },
        };
    }

    internal string SectionTitle(string folder)
    {
        string index = IndexSource(folder);
        return HasFile(index) && Meta(index).Title is { } title
            ? title
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(folder[(folder.LastIndexOf('/') + 1)..].Replace('-', ' '));
    }

    internal string AliasHtml(string argument)
    {
        string source = argument[..argument.LastIndexOf(':')];
        string target = Config.BaseUrl + Url(source).TrimStart('/');
        string encoded = System.Net.WebUtility.HtmlEncode(target);
        return $"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{encoded}</title><link rel=\"canonical\" href=\"{encoded}\"><meta http-equiv=\"refresh\" content=\"0; url={encoded}\"></head><body><a href=\"{encoded}\">{encoded}</a></body></html>\n";
    }

    internal byte[] Feed(string folder)
    {
        SiteConfig config = Config;
        ValueList<string> pages;
        string title = config.Title;
        string link = config.BaseUrl;
        if (folder.Length == 0)
        {
            pages = Pages;
        }
        else if (folder.Contains('/', StringComparison.Ordinal) && config.Taxonomies.Contains(folder[..folder.IndexOf('/', StringComparison.Ordinal)]))
        {
            string taxonomy = folder[..folder.IndexOf('/', StringComparison.Ordinal)];
            TermPages term = Terms(taxonomy).First(t => t.Slug == folder[(taxonomy.Length + 1)..]);
            pages = term.Pages;
            title = term.Name + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }
        else
        {
            pages = SectionPages(folder);
            title = SectionTitle(folder) + " · " + config.Title;
            link = config.BaseUrl + folder + "/";
        }

        var items = pages
            .OrderByDescending(p => Meta(p).Date ?? DateTimeOffset.MinValue)
            .ThenBy(p => p, StringComparer.Ordinal)
            .Take(FeedItems)
            .Select(FeedItemOf)
            .ToList();
        return FeedWriter.Rss(title, link, config.Description ?? config.Title, config.Language, items);
    }

    internal FeedItem FeedItemOf(string source)
    {
        FrontMatter meta = Meta(source);
        return new FeedItem(meta.Title ?? Permalinks.Split(source).Name, Config.BaseUrl + Url(source).TrimStart('/'), meta.Date, Summary(source));
    }

    internal byte[] Sitemap()
    {
        SiteConfig config = Config;
        bool home = config.Produces(OutputKinds.Home), sections = config.Produces(OutputKinds.Section);
        ValueList<string> pages = config.Produces(OutputKinds.Page) ? Pages : ValueList<string>.Empty;
        var urls = pages.Select(p => new FeedItem(string.Empty, config.BaseUrl + Url(p).TrimStart('/'), Meta(p).LastMod ?? Meta(p).Date, string.Empty))
            .Concat(Sections.Where(s => s.Length == 0 ? home : sections).Select(s => new FeedItem(string.Empty, config.BaseUrl + (s.Length == 0 ? string.Empty : s + "/"), null, string.Empty)))
            .OrderBy(u => u.Url, StringComparer.Ordinal)
            .ToList();
        return FeedWriter.Sitemap(urls);
    }

    internal byte[] SearchIndex()
    {
        // Only pages that are made: a search result must lead somewhere.
        ValueList<string> pages = Config.Produces(OutputKinds.Page) ? Pages : ValueList<string>.Empty;
        var entries = pages.Select(p =>
        {
            FrontMatter meta = Meta(p);
            return new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = meta.Title ?? Permalinks.Split(p).Name,
                ["url"] = Url(p),
                ["summary"] = PlainText(Summary(p)),
                ["tags"] = meta.Terms("tags").ToList(),
            };
        }).OrderBy(e => (string)e["url"]!, StringComparer.Ordinal).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(entries);
    }

    internal static string PlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty)).Trim();

    internal ValueList<TermPages> ComputeTerms(string taxonomy)
    {
        var bySlug = new SortedDictionary<string, (string Name, List<string> Pages)>(StringComparer.Ordinal);
        foreach (string source in Pages)
        {
            foreach (string term in Meta(source).Terms(taxonomy))
            {
                string slug = Slug.Of(term);
                if (!bySlug.TryGetValue(slug, out (string Name, List<string> Pages) entry))
                {
                    entry = (term, []);
                    bySlug[slug] = entry;
                }

                if (!entry.Pages.Contains(source))
                {
                    entry.Pages.Add(source);
                }
            }
        }

        return new ValueList<TermPages>(bySlug.Select(e => new TermPages(e.Value.Name, e.Key, new ValueList<string>(e.Value.Pages))));
    }

    internal ValueList<string> ComputeRelated(string source)
    {
        ValueList<string> mine = PageTerms(source);
        if (mine.Count == 0)
        {
            return ValueList<string>.Empty;
        }

        // Count shared terms through the postings of this page's terms only: O(pages sharing a
        // term), not O(site). Ties go to the earlier page in list order.
        TermIndex index = RelatedIndex;
        int self = index.PositionOf(source);
        var shared = new Dictionary<int, int>();
        foreach (string key in mine)
        {
            foreach (int position in index.PagesOf(key))
            {
                if (position != self)
                {
                    shared[position] = shared.GetValueOrDefault(position) + 1;
                }
            }
        }

        Span<(int Shared, int Position)> best = stackalloc (int, int)[Site.RelatedCount];
        int count = 0;
        foreach ((int position, int score) in shared)
        {
            int at = count;
            while (at > 0 && (best[at - 1].Shared < score || (best[at - 1].Shared == score && best[at - 1].Position > position)))
            {
                at--;
            }

            if (at >= Site.RelatedCount)
            {
                continue;
            }

            int last = Math.Min(count, Site.RelatedCount - 1);
            for (int k = last; k > at; k--)
            {
                best[k] = best[k - 1];
            }

            best[at] = (score, position);
            count = Math.Min(count + 1, Site.RelatedCount);
        }

        var related = new string[count];
        for (int k = 0; k < count; k++)
        {
            related[k] = index.Pages[best[k].Position];
        }

        return new ValueList<string>(related);
    }

    internal ValueList<string> ComputePageTerms(string source)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TaxonomyTerms terms in Meta(source).Taxonomies)
        {
            foreach (string term in terms.Terms)
            {
                keys.Add(terms.Taxonomy + "/" + Slug.Of(term));
            }
        }

        return new ValueList<string>(keys);
    }

    internal TermIndex ComputeRelatedIndex()
    {
        ValueList<string> pages = Pages;
        var postings = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < pages.Count; i++)
        {
            foreach (string key in PageTerms(pages[i]))
            {
                if (!postings.TryGetValue(key, out List<int>? list))
                {
                    postings[key] = list = [];
                }

                list.Add(i);
            }
        }

        var terms = new List<TermPostings>(postings.Count);
        foreach ((string key, List<int> positions) in postings)
        {
            terms.Add(new TermPostings(key, new ValueList<int>(positions)));
        }

        return new TermIndex(pages, new ValueList<TermPostings>(terms));
    }

    internal PositionIndex ComputeSectionPositions(string section) => new(SectionPages(section));

    internal string? ComputePrevious(string source) => Neighbor(source, -1);

    internal string? ComputeNext(string source) => Neighbor(source, +1);

    internal string? Neighbor(string source, int step)
    {
        string folder = Permalinks.Split(source).Folder;
        PositionIndex section = SectionPositions(folder);
        int position = section.PositionOf(source);
        if (position < 0)
        {
            return null;
        }

        int neighbor = position + step;
        return neighbor >= 0 && neighbor < section.Items.Count ? section.Items[neighbor] : null;
    }

    internal ValueList<MenuItem> ComputeMenu(string name)
    {
        var items = new List<MenuItem>();
        foreach (ConfigMenuEntry entry in Config.Menu(name))
        {
            items.Add(new MenuItem(entry.Name, entry.Url, entry.Weight, entry.Parent));
        }

        foreach (string source in Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            FrontMatter meta = Meta(source);
            foreach (MenuEntry entry in meta.Menus)
            {
                if (entry.Menu == name)
                {
                    items.Add(new MenuItem(entry.Name ?? meta.Title ?? Permalinks.Split(source).Name, Url(source), entry.Weight, entry.Parent));
                }
            }
        }

        items.Sort(static (a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : string.CompareOrdinal(a.Name, b.Name));
        return new ValueList<MenuItem>(items);
    }

    internal ValueList<string> ComputeLinksOf(string key, string path) =>
        LinkExtractor.Internal(Encoding.UTF8.GetString(Output(key)), Site.UrlOfPath(path), Config.BaseUrl);

    /// <summary>Every path a link may point at: the outputs, and the paths of outputs whose kind
    /// adapt.yaml disables (a link to a disabled feed is not broken; the file is just not made).</summary>
    internal ValueList<string> ComputeOutputPaths()
    {
        ValueList<OutputEntry> outputs = Outputs;
        ValueList<string> disabled = Claims.Disabled;
        var paths = new List<string>(outputs.Count + disabled.Count);
        foreach (OutputEntry entry in outputs)
        {
            paths.Add(entry.Path);
        }

        if (disabled.Count > 0)
        {
            paths.AddRange(disabled);
            paths.Sort(StringComparer.Ordinal);
        }

        return new ValueList<string>(paths);
    }

    internal ValueList<string> ComputeBrokenLinks(string key, string path)
    {
        ValueList<string> links = LinksOf(key, path);
        ValueList<string> outputs = OutputPaths;
        List<string>? broken = null;
        foreach (string link in links)
        {
            if (!LinkExtractor.Exists(link, outputs))
            {
                (broken ??= []).Add(link);
            }
        }

        return broken is null ? ValueList<string>.Empty : new ValueList<string>(broken);
    }

    internal ValueList<SiteDiagnostic> ComputeLinkProblems()
    {
        LinkCheck check = Config.LinkCheck;
        if (check == LinkCheck.Off)
        {
            return ValueList<SiteDiagnostic>.Empty;
        }

        // One diagnostic per broken target, however many pages carry it (a broken menu link is
        // one problem, not one per page).
        var pagesByLink = new SortedDictionary<string, List<OutputEntry>>(StringComparer.Ordinal);
        foreach (OutputEntry entry in Outputs)
        {
            if (!Site.IsHtml(entry.Path))
            {
                continue;
            }

            ValueList<string> broken;
            try
            {
                broken = BrokenLinks(entry.Key, entry.Path);
            }
            catch (SiteException)
            {
                continue; // the output failed: its own error is reported
            }

            foreach (string link in broken)
            {
                if (!pagesByLink.TryGetValue(link, out List<OutputEntry>? pages))
                {
                    pagesByLink[link] = pages = [];
                }

                pages.Add(entry);
            }
        }

        DiagnosticSeverity severity = check == LinkCheck.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        var problems = new List<SiteDiagnostic>();
        foreach ((string link, List<OutputEntry> pages) in pagesByLink)
        {
            (string file, int line, OutputEntry origin) = Origin(link, pages);
            string where = origin.Path;
            if (pages.Count > 1)
            {
                var others = new List<string>();
                foreach (OutputEntry page in pages)
                {
                    if (page != origin && others.Count < 3)
                    {
                        others.Add(page.Path);
                    }
                }

                where += string.Create(CultureInfo.InvariantCulture, $" and {pages.Count - 1} other page{(pages.Count == 2 ? string.Empty : "s")} ({string.Join(", ", others)}{(pages.Count - 1 > others.Count ? ", …" : string.Empty)})");
            }

            problems.Add(new SiteDiagnostic(file, line, 0,
                $"broken link to '{link}' in {where}: no page or file is published there. Fix the link, or publish the target", severity));
        }

        return new ValueList<SiteDiagnostic>(problems);
    }

    /// <summary>The line of a site file that contains <paramref name="link"/> (after <c>(</c>, a
    /// quote or a space, as Markdown, HTML and YAML write it), 0 when none does.</summary>
    internal int LineOf(string file, string link)
    {
        string text;
        try
        {
            text = Text(file);
        }
        catch (SiteException)
        {
            return 0;
        }

        foreach (string prefix in (string[])["(", "\"", "'", " "])
        {
            int at = text.IndexOf(prefix + link, StringComparison.Ordinal);
            if (at >= 0)
            {
                return 1 + text.AsSpan(0, at).Count('\n');
            }
        }

        return 0;
    }

    internal ValueList<string> ComputeDataNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Files.Data)
        {
            names.Add(DataFileParser.NameOf(file));
        }

        return new ValueList<string>(names);
    }

    internal object? ComputeData(string name)
    {
        string? found = null;
        foreach (string file in Files.Data)
        {
            if (DataFileParser.NameOf(file) != name)
            {
                continue;
            }

            if (found is not null)
            {
                throw new SiteException(new SiteDiagnostic(file, 0, 0,
                    $"two data files are named '{name}' ({found} and {file}): templates read both as site.data.{name}; rename or remove one"));
            }

            found = file;
        }

        return found is null ? null : DataFileParser.Parse(found, Text(found));
    }

    internal ValueList<SiteDiagnostic> ComputeDataProblems()
    {
        var problems = new List<SiteDiagnostic>();
        foreach (string name in DataNames)
        {
            try
            {
                _ = Data(name);
            }
            catch (SiteException ex)
            {
                problems.Add(ex.Diagnostic);
            }
        }

        return new ValueList<SiteDiagnostic>(problems);
    }

    internal static (string Folder, int Number) SplitNumbered(string argument)
    {
        int colon = argument.LastIndexOf(':');
        return (argument[..colon], int.Parse(argument.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>Where a broken link comes from: the first page whose source contains it (with
    /// the line), else adapt.yaml when a menu holds it, else the first output's source file
    /// (its section's <c>_index.md</c>, …) when it exists, else the output itself.</summary>
    internal (string File, int Line, OutputEntry Origin) Origin(string link, List<OutputEntry> pages)
    {
        foreach (OutputEntry page in pages)
        {
            if (page.Source.StartsWith("content/", StringComparison.Ordinal) && HasFile(page.Source) && LineOf(page.Source, link) is > 0 and int line)
            {
                return (page.Source, line, page);
            }
        }

        if (FileExists(SiteConfigParser.FileName) && LineOf(SiteConfigParser.FileName, link) is > 0 and int configLine)
        {
            return (SiteConfigParser.FileName, configLine, pages[0]);
        }

        foreach (OutputEntry page in pages)
        {
            if (HasFile(page.Source))
            {
                return (page.Source, 0, page);
            }
        }

        return (pages[0].Path, 0, pages[0]);
    }

    /// <summary>True when the site has the file (a content file, layout, asset, static or data file).</summary>
    internal bool ComputeHasFile(string path)
    {
        SiteFiles files = Files;
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        ValueList<string>? area = slash < 0 ? null : path[..slash] switch
        {
            "content" => files.Content,
            "layouts" => files.Layouts,
            "static" => files.Static,
            "assets" => files.Assets,
            "data" => files.Data,
            _ => null,
        };
        return area is not null ? area.BinarySearch(path, StringComparer.Ordinal) >= 0 : FileExists(path);
    }
}
