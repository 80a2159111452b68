using System.Globalization;
using Adaptive.Core;

namespace Adaptive.Site;

public sealed partial class Site
{
    private static readonly IValueCodec<TemplateSource?> s_layoutCodec = SiteJson.Codec<TemplateSource?>();
    private static readonly IValueCodec<ValueDictionary> s_dictionaryCodec = SiteJson.Codec<ValueDictionary>();

    /// <summary>The layout <paramref name="name"/> (<c>_default/single</c>, <c>partials/header</c>):
    /// the site's <c>layouts/</c> file if there is one, else the default theme's, else null.</summary>
    [Memo(Codec = nameof(s_layoutCodec))]
    public partial TemplateSource? Layout(string name);

    /// <summary>Fingerprinted assets: path under <c>assets/</c> → URL with the content hash in
    /// the file name (<c>css/theme.css</c> → <c>/css/theme.1a2b3c4d.css</c>). The theme's assets
    /// are included unless the site has a file of the same path.</summary>
    [Memo(Codec = nameof(s_dictionaryCodec))]
    public partial ValueDictionary Assets { get; }

    /// <summary>The bytes of an asset (path under <c>assets/</c>): the site's file, else the theme's.</summary>
    [Memo(Comparer = nameof(s_bytes))]
    public partial byte[] AssetBytes(string path);

    /// <summary>The HTML of a regular page, through its layout and the base layout.</summary>
    [Memo]
    public partial string PageHtml(string source);

    /// <summary>Layout lookup for a regular page in <paramref name="section"/> (top folder) with
    /// an optional front-matter <paramref name="layout"/>: <c>section/layout</c>,
    /// <c>_default/layout</c>, <c>section/single</c>, <c>_default/single</c>.</summary>
    public static IEnumerable<string> SingleLayouts(string section, string? layout)
    {
        if (layout is not null)
        {
            if (section.Length > 0)
            {
                yield return section + "/" + layout;
            }

            yield return "_default/" + layout;
        }

        if (section.Length > 0)
        {
            yield return section + "/single";
        }

        yield return "_default/single";
    }

    /// <summary>The first existing layout of <paramref name="candidates"/>; a missing one is a
    /// diagnostic on <paramref name="file"/> listing what was tried.</summary>
    internal TemplateSource FindLayout(IEnumerable<string> candidates, string file)
    {
        var tried = new List<string>();
        foreach (string name in candidates)
        {
            if (Layout(name) is { } found)
            {
                return found;
            }

            tried.Add("layouts/" + name + ".hbs");
        }

        throw new SiteException(new SiteDiagnostic(file, 0, 0, "no layout: create one of " + string.Join(", ", tried)));
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

    private CompiledTemplate Compile(TemplateSource template) =>
        TemplateCache.Compile(template, PartialInliner.Inline(template, name => Layout("partials/" + name)));

    private TemplateSource? ComputeLayout(string name)
    {
        string path = "layouts/" + name + ".hbs";
        return Files.Layouts.BinarySearch(path, StringComparer.Ordinal) >= 0
            ? new TemplateSource(name, path, Text(path))
            : DefaultTheme.Layout(name);
    }

    private ValueDictionary ComputeAssets()
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

    private byte[] ComputeAssetBytes(string path)
    {
        string file = "assets/" + path;
        return Files.Assets.BinarySearch(file, StringComparer.Ordinal) >= 0 ? Input(file).Content : DefaultTheme.File(file) ?? [];
    }

    private static string FingerprintedUrl(string path, byte[] bytes)
    {
        string hash = Fingerprint128.Of(bytes).ToString()[..8];
        int dot = path.LastIndexOf('.');
        return "/" + (dot > path.LastIndexOf('/') ? path[..dot] + "." + hash + path[dot..] : path + "." + hash);
    }

    private string ComputePageHtml(string source)
    {
        FrontMatter meta = Meta(source);
        string folder = Permalinks.Split(source).Folder;
        string section = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.IndexOf('/', StringComparison.Ordinal)] : folder;
        TemplateSource layout = FindLayout(SingleLayouts(section, meta.Layout), source);
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = SiteContext(),
            ["page"] = PageContext(source, withContent: true),
        };
        return Render(layout, context);
    }

    /// <summary>What templates see as <c>site</c>.</summary>
    internal Dictionary<string, object?> SiteContext()
    {
        SiteConfig config = Config;
        var menus = new Dictionary<string, object?>(StringComparer.Ordinal) { ["main"] = MenuContext("main") };
        foreach (ConfigMenu menu in config.Menus)
        {
            menus[menu.Name] = MenuContext(menu.Name);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = config.Title,
            ["baseUrl"] = config.BaseUrl,
            ["language"] = config.Language,
            ["description"] = config.Description,
            ["author"] = config.Author,
            ["params"] = TemplateValues.From(config.Params),
            ["menus"] = menus,
            ["assets"] = TemplateValues.From(Assets),
            ["data"] = new DataContext(this),
            ["taxonomies"] = config.Taxonomies.Select(t => new Dictionary<string, object?> { ["name"] = t, ["url"] = "/" + t + "/" }).ToList(),
        };
    }

    /// <summary>A menu as a tree: the top-level entries (no parent, or a parent that is not in
    /// the menu), each with its <c>children</c> (entries whose <c>parent</c> names it), in menu
    /// order at every level.</summary>
    private List<object?> MenuContext(string name)
    {
        ValueList<MenuItem> items = Menu(name);
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

    /// <summary>The summary as HTML: front matter's <c>summary</c> (escaped), else the text
    /// before <c>&lt;!--more--&gt;</c> or the first paragraph.</summary>
    [Memo]
    public partial string Summary(string source);

    /// <summary>The number of words of the page's body.</summary>
    [Memo]
    public partial int WordCount(string source);

    /// <summary>Minutes to read the page's body.</summary>
    [Memo]
    public partial int ReadingMinutes(string source);

    private string ComputeSummary(string source) =>
        Meta(source).Summary is { } summary ? System.Net.WebUtility.HtmlEncode(summary) : Rendered(source).SummaryHtml;

    private int ComputeWordCount(string source) => Rendered(source).WordCount;

    private int ComputeReadingMinutes(string source) => Rendered(source).ReadingMinutes;

    private Dictionary<string, object?> Link(string source) => new(StringComparer.Ordinal)
    {
        ["title"] = Meta(source).Title ?? Permalinks.Split(source).Name,
        ["url"] = Url(source),
    };

    /// <summary>Home, then each enclosing section, for a page in <paramref name="folder"/>.</summary>
    private List<object?> Breadcrumbs(string folder)
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

    private Dictionary<string, object?> SectionLink(string folder)
    {
        string index = folder.Length == 0 ? "content/_index.md" : "content/" + folder + "/_index.md";
        string title = Files.Content.BinarySearch(index, StringComparer.Ordinal) >= 0 && Meta(index).Title is { } t
            ? t
            : folder.Length == 0 ? "Home" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(folder[(folder.LastIndexOf('/') + 1)..].Replace('-', ' '));
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = title, ["url"] = folder.Length == 0 ? "/" : "/" + folder + "/" };
    }
}
