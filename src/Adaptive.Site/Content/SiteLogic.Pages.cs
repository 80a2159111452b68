// The values read from each page's file and the lists of pages: the configuration, front matter,
// publication, URLs, sections, list order.
using System.Runtime.CompilerServices;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>adapt.yaml (defaults when there is none).</summary>
    internal static readonly SiteValue<SiteConfig> Config = new("Site.Config", static s => s.ComputeConfig(), SiteJson.Codec<SiteConfig>());

    /// <summary>True when the site has the file (by the last scan). Pages that only ask whether
    /// a section has an <c>_index.md</c> depend on this, not on the whole list of files.</summary>
    internal static readonly SiteTable<string, bool> HasFile = new(
        "Site.HasFile", static (s, path) => s.ComputeHasFile(path), role: SiteValueRole.CrossReference); // Markdown asks for images and included pages

    /// <summary>A page's front matter block as written (YAML, TOML or JSON). Eager: recomputed as soon as the file changes, so a
    /// body edit stops here and never reaches the lists, taxonomies and menus built from front
    /// matter (docs/design/site.md, "Cutoffs that matter").</summary>
    internal static readonly SiteTable<string, string> FrontMatterSource = new(
        "Site.FrontMatterSource", static (s, source) => s.ComputeFrontMatterSource(source), role: SiteValueRole.PageFact, eager: true);

    /// <summary>A page's Markdown body. Eager, like <see cref="FrontMatterSource"/>: a front
    /// matter edit that keeps the body stops here.</summary>
    internal static readonly SiteTable<string, PageBody> BodySource = new(
        "Site.BodySource", static (s, source) => s.ComputeBodySource(source), SiteCodecs.Body, role: SiteValueRole.PageFact, eager: true);

    /// <summary>A page's front matter. Body-only edits stop here (cutoff).</summary>
    internal static readonly SiteTable<string, FrontMatter> Meta = new(
        "Site.Meta", static (s, source) => s.ComputeMeta(source), SiteJson.Codec<FrontMatter>(), role: SiteValueRole.PageFact);

    /// <summary>True when the page is built: not a draft and not dated in the future, unless enabled.</summary>
    internal static readonly SiteTable<string, bool> IsPublished = new(
        "Site.IsPublished", static (s, source) => s.ComputeIsPublished(source), role: SiteValueRole.PageFact);

    /// <summary>True when drafts are built (<see cref="BuildOptions.Drafts"/> or <c>buildDrafts</c>).</summary>
    internal static readonly SiteValue<bool> ShowsDrafts = new("Site.ShowsDrafts", static s => s.ComputeShowsDrafts(), role: SiteValueRole.Direct);

    /// <summary>True when a page dated at these UTC ticks is built now (the clock, <see
    /// cref="BuildOptions.Future"/>, <c>buildFuture</c>). One per distinct date.</summary>
    internal static readonly SiteTable<long, bool> IsDue = new("Site.IsDue", static (s, utcTicks) => s.ComputeIsDue(utcTicks), role: SiteValueRole.Direct);

    /// <summary>The page's URL.</summary>
    internal static readonly SiteTable<string, string> Url = new("Site.Url", static (s, source) => s.ComputeUrl(source), role: SiteValueRole.PageFact);

    /// <summary>What the page's file text is, in a word: empty (or white space), or whether it
    /// may ask for image variants (a shortcode, or an image with a query). Eager, like the
    /// sources: an edit that keeps a page's shape stops here, so the list of outputs depends on
    /// every page's shape and not on its text.</summary>
    internal static readonly SiteTable<string, PageTextShape> TextShape = new(
        "Site.TextShape", static (s, source) => s.ComputeTextShape(source), SiteJson.Codec<PageTextShape>(), eager: true);

    /// <summary>Warnings about pages that build but are probably not what the author meant (empty files).</summary>
    internal static readonly SiteValue<ValueList<SiteDiagnostic>> ContentWarnings = new("Site.ContentWarnings", static s => s.ComputeContentWarnings(), SiteCodecs.Diagnostics);

    /// <summary>Published regular pages (not section indexes), in list order: weight, then date
    /// (newest first), then title, then source.</summary>
    internal static readonly SiteValue<ValueList<string>> Pages = new("Site.Pages", static s => s.ComputePages(), SiteCodecs.List);

    /// <summary>Regular pages whose front matter cannot be read: left out of every list (each
    /// still reports its diagnostic through its own output), so the rest of the site builds.</summary>
    internal static readonly SiteValue<ValueList<string>> BrokenPages = new("Site.BrokenPages", static s => s.ComputeBrokenPages(), SiteCodecs.List);

    /// <summary>The published regular pages directly in a section folder ("" for the top), in list order.</summary>
    internal static readonly SiteTable<string, ValueList<string>> SectionPages = new(
        "Site.SectionPages", static (s, section) => s.ComputeSectionPages(section), SiteCodecs.List);

    /// <summary>Every folder under <c>content/</c> that holds pages or an <c>_index.md</c>, with
    /// its ancestors; "" is the home page.</summary>
    internal static readonly SiteValue<ValueList<string>> Sections = new("Site.Sections", static s => s.ComputeSections(), SiteCodecs.List);

    private SiteConfig ComputeConfig()
    {
        return Model.FileExists(SiteConfigParser.FileName) ? SiteConfigParser.Parse(Model.Text(SiteConfigParser.FileName)) : new SiteConfig();
    }

    private string ComputeFrontMatterSource(string source) => FrontMatterParser.Split(source, Model.Text(source)).FrontMatter;

    private PageBody ComputeBodySource(string source)
    {
        FrontMatterParser.Parts parts = FrontMatterParser.Split(source, Model.Text(source));
        return new PageBody(parts.Body, parts.BodyLine);
    }

    private FrontMatter ComputeMeta(string source) => FrontMatterParser.Read(source, Get(FrontMatterSource, source), Get(Config).Taxonomies);

    private bool ComputeIsPublished(string source)
    {
        FrontMatter meta = Get(Meta, source);
        if (meta.Draft && !Get(ShowsDrafts))
        {
            return false;
        }

        return meta.Date is not { } date || Get(IsDue, date.UtcTicks);
    }

    // The build options change in every process (Now is the clock), so pages read them through
    // these two: a new process re-executes one small memo per distinct date, and the pages only
    // verify unless a date was crossed.
    private bool ComputeShowsDrafts() => Model.Options.Drafts || Get(Config).BuildDrafts;

    private bool ComputeIsDue(long utcTicks)
    {
        BuildOptions options = Model.Options;
        return options.Future || Get(Config).BuildFuture || utcTicks <= (Model.Now?.UtcTicks ?? long.MaxValue);
    }

    private string ComputeUrl(string source)
    {
        FrontMatter meta = Get(Meta, source);
        try
        {
            return Permalinks.For(source, meta, Get(Config));
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

        (int line, int column) = FrontMatterParser.Locate(source, Get(FrontMatterSource, source), key);
        return line == 0 ? error : new SiteException(diagnostic with { Line = line, Column = column });
    }

    /// <summary>The absolute URL (base URL from adapt.yaml) of a site URL such as <c>/blog/post/</c>.</summary>
    internal string Permalink(string url) => Get(Config).BaseUrl + url.TrimStart('/');

    /// <summary>A page's title: its front matter's, else its file name without extension.</summary>
    internal string PageTitle(string source) => Get(Meta, source).Title ?? Permalinks.Split(source).Name;

    /// <summary>True when the page is published; false when it is not, or when its front matter
    /// has an error (reported by the page's own output). The dependency is recorded either way,
    /// so fixing the page repairs every list.</summary>
    internal bool IsListed(string source)
    {
        try
        {
            return Get(IsPublished, source) && Get(Url, source).Length > 0; // a page without a valid URL is broken, not listed
        }
        catch (SiteException)
        {
            return false;
        }
    }

    private ValueList<string> ComputeBrokenPages() =>
        new(Model.Files.Content.Where(source => !Site.IsSectionIndex(source) && !IsListed(source) && IsBroken(source)));

    internal bool IsBroken(string source)
    {
        try
        {
            if (Get(IsPublished, source))
            {
                _ = Get(Url, source);
            }

            return false;
        }
        catch (SiteException)
        {
            return true;
        }
    }

    private ValueList<string> ComputePages()
    {
        var pages = new List<(string Source, FrontMatter Meta)>();
        foreach (string source in Model.Files.Content)
        {
            if (!Site.IsSectionIndex(source) && IsListed(source))
            {
                pages.Add((source, Get(Meta, source)));
            }
        }

        pages.Sort(static (a, b) => CompareForLists(a.Source, a.Meta, b.Source, b.Meta));
        return new ValueList<string>(pages.Select(p => p.Source));
    }

    private ValueList<string> ComputeSectionPages(string section) =>
        s_pagesByFolder.GetValue(Get(Pages), static pages => GroupByFolder(pages)).TryGetValue(section, out ValueList<string>? found)
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

    private PageTextShape ComputeTextShape(string source)
    {
        string text;
        try
        {
            text = Model.Text(source);
        }
        catch (SiteException)
        {
            return PageTextShape.Plain; // not text: its own error says so
        }

        return string.IsNullOrWhiteSpace(text) ? PageTextShape.Empty
            : ShortcodeScanner.MayHold(text) || (text.Contains("![", StringComparison.Ordinal) && text.Contains('?', StringComparison.Ordinal)) ? PageTextShape.MayAskForImages
            : PageTextShape.Plain;
    }

    /// <summary>Warnings about pages that build but are probably not what the author meant.</summary>
    private ValueList<SiteDiagnostic> ComputeContentWarnings()
    {
        var warnings = new List<SiteDiagnostic>();
        foreach (string source in Model.Files.Content)
        {
            if (Get(TextShape, source) == PageTextShape.Empty)
            {
                warnings.Add(new SiteDiagnostic(source, 0, 0,
                    "the page is empty: it is published with no title and no content. Write it, or delete the file", DiagnosticSeverity.Warning));
            }
        }

        return new ValueList<SiteDiagnostic>(warnings);
    }

    private ValueList<string> ComputeSections()
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (string source in Model.Files.Content)
        {
            if (!IsListed(source))
            {
                continue;
            }

            string folder = Permalinks.Split(source).Folder;
            while (folder.Length > 0)
            {
                folders.Add(folder);
                folder = Permalinks.Parent(folder);
            }
        }

        return new ValueList<string>(folders);
    }

    /// <summary>True when the site has the file (a content file, layout, asset, static or data file).</summary>
    private bool ComputeHasFile(string path)
    {
        SiteFiles files = Model.Files;
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        ValueList<string>? area = slash < 0 ? null : path[..slash] switch
        {
            "content" => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? files.Content : files.Static, // the rest are pages' resources
            "layouts" => files.Layouts,
            "static" => files.Static,
            "assets" => files.Assets,
            "data" => files.Data,
            _ => null,
        };
        return area is not null ? area.BinarySearch(path, StringComparer.Ordinal) >= 0 : Model.FileExists(path);
    }
}

/// <summary>A page's text in a word (see <see cref="SiteLogic.TextShape"/>).</summary>
internal enum PageTextShape
{
    /// <summary>Text without a shortcode or an image query.</summary>
    Plain,

    /// <summary>Empty or white space.</summary>
    Empty,

    /// <summary>With a shortcode or an image with a query: it may ask for image variants.</summary>
    MayAskForImages,
}
