// Layouts, assets and a page's HTML: finding a layout (never a silent fallback), rendering through
// it, fingerprinted assets.
using System.Text;
using Adaptive.Core;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>The layout with this name (<c>_default/single</c>, <c>partials/header</c>): the
    /// site's <c>layouts/</c> file if there is one, else the default theme's, else null.</summary>
    internal static readonly SiteTable<string, TemplateSource?> Layout = new(
        "Site.Layout", static (s, name) => s.ComputeLayout(name), SiteJson.Codec<TemplateSource?>());

    /// <summary>Fingerprinted assets: path under <c>assets/</c> → URL with the content hash in
    /// the file name (<c>css/theme.css</c> → <c>/css/theme.1a2b3c4d.css</c>). The theme's assets
    /// are included unless the site has a file of the same path.</summary>
    internal static readonly SiteValue<ValueDictionary> Assets = new("Site.Assets", static s => s.ComputeAssets(), SiteJson.Codec<ValueDictionary>());

    /// <summary>The bytes of an asset (path under <c>assets/</c>): the site's file, else the theme's.</summary>
    internal static readonly SiteTable<string, byte[]> AssetBytes = new(
        "Site.AssetBytes", static (s, path) => s.ComputeAssetBytes(path), SiteCodecs.FileBytes, ByteContentComparer.Instance);

    /// <summary>The HTML of a regular page, through its layout and the base layout. Not a memo
    /// of its own in the adaptive site: the page's <see cref="Output"/> renders it, and its bytes
    /// cut a change off just as well, so the page's HTML is not kept twice (as UTF-16 text and
    /// as the output's UTF-8 bytes: ~160 MB at 10,000 pages).</summary>
    internal static readonly SiteTable<string, string> PageHtml = new(
        "Site.PageHtml", static (s, source) => s.ComputePageHtml(source), role: SiteValueRole.Transparent | SiteValueRole.Inline);

    /// <summary>The first existing layout of <paramref name="candidates"/>; a missing one is a
    /// diagnostic on <paramref name="file"/> listing what was tried.</summary>
    internal TemplateSource FindLayout(IEnumerable<string> candidates, string file) =>
        FirstLayout(candidates) ?? throw new SiteException(new SiteDiagnostic(file, 0, 0, "no layout: create one of " + Tried(candidates)));

    private TemplateSource? FirstLayout(IEnumerable<string> candidates)
    {
        foreach (string name in candidates)
        {
            if (Get(Layout, name) is { } found)
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
        (int line, int column) = FrontMatterParser.Locate(source, Get(FrontMatterSource, source), "layout");
        return new SiteException(new SiteDiagnostic(source, line, column,
            $"layout '{layout}' not found (tried: {Tried(candidates)}): create one of these files or fix the name"));
    }

    /// <summary>Renders <paramref name="layout"/>, then the base layout around it (<c>{{{content}}}</c>).</summary>
    internal string Render(TemplateSource layout, LayoutContext context)
    {
        string content = Compile(layout).Render(context);
        if (Get(Layout, "_default/baseof") is not { } baseof)
        {
            return content;
        }

        context["content"] = content;
        return Compile(baseof).Render(context);
    }

    internal CompiledTemplate Compile(TemplateSource template) =>
        TemplateCache.Compile(template, PartialInliner.Inline(template, name => Get(Layout, "partials/" + name)));

    private TemplateSource? ComputeLayout(string name)
    {
        string path = "layouts/" + name + ".hbs";
        return Model.Files.Layouts.BinarySearch(path, StringComparer.Ordinal) >= 0
            ? new TemplateSource(name, path, Model.Text(path))
            : DefaultTheme.Layout(name);
    }

    private ValueDictionary ComputeAssets()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Model.Files.Assets)
        {
            if (SiteFiles.IsFingerprinted(file))
            {
                paths.Add(file["assets/".Length..]); // images are published as the variants pages ask for
            }
        }

        foreach (string file in DefaultTheme.Files)
        {
            if (file.StartsWith("assets/", StringComparison.Ordinal))
            {
                paths.Add(file["assets/".Length..]);
            }
        }

        return new ValueDictionary(paths.Select(path => new KeyValuePair<string, object?>(path, FingerprintedUrl(path, Get(AssetBytes, path)))));
    }

    private byte[] ComputeAssetBytes(string path)
    {
        string file = "assets/" + path;
        byte[] bytes = Model.Files.Assets.BinarySearch(file, StringComparer.Ordinal) >= 0 ? Model.FileBytes(file) : DefaultTheme.File(file) ?? [];
        bool css = path.EndsWith(".css", StringComparison.OrdinalIgnoreCase);
        if ((!css && !path.EndsWith(".js", StringComparison.OrdinalIgnoreCase)) || !Get(Minifies))
        {
            return bytes;
        }

        // Minified before the fingerprint is taken, so the URL changes with what is served. A file
        // that is not UTF-8 is served as it is, as without minify.
        string text;
        try
        {
            text = SiteText.Decode(file, bytes);
        }
        catch (SiteException)
        {
            return bytes;
        }

        return Encoding.UTF8.GetBytes(css ? Minifier.Css(text) : Minifier.Js(text));
    }

    internal static string FingerprintedUrl(string path, byte[] bytes)
    {
        string hash = Fingerprint128.Of(bytes).ToString()[..8];
        int dot = path.LastIndexOf('.');
        return "/" + (dot > path.LastIndexOf('/') ? path[..dot] + "." + hash + path[dot..] : path + "." + hash);
    }

    private string ComputePageHtml(string source) => PageHtmlOf(source, new List<string>());

    /// <summary>A page's HTML; the image variants its layout asks for are added to <paramref name="images"/>
    /// (null: the layouts do not use the helper).</summary>
    private string PageHtmlOf(string source, ICollection<string>? images)
    {
        FrontMatter meta = Get(Meta, source);
        string folder = Permalinks.Split(source).Folder;
        string section = Permalinks.Section(folder);
        TemplateSource layout = meta.Layout is { } chosen
            ? FirstLayout(Site.SingleLayouts(section, chosen)) ?? throw LayoutNotFound(source, chosen, Site.SingleLayouts(section, chosen))
            : FindLayout(Site.SingleLayouts(section, null), source);
        PageImageResolver? resolver = Images(source, images);
        return Render(layout, new LayoutContext(SiteContext(), PageContext(source, withContent: true, resolver), resolver));
    }
}
