// The outputs: the build's report, each output's bytes by kind, list and term pages, aliases.
using System.Globalization;
using System.Text;
using Adaptive.Core;

namespace Adaptive.Site;

internal sealed partial class SiteLogic
{
    /// <summary>What a build reports besides the output bytes: the outputs, the number of pages
    /// and every problem found listing outputs, reading data files and checking links. Observed
    /// by the builder, so a new process finds all of it in the trace.</summary>
    internal static readonly SiteValue<SiteReport> Report = new("Site.Report", static s => s.ComputeReport(), SiteJson.Codec<SiteReport>());

    /// <summary>Every output file, sorted by path; one per path (see <see cref="OutputConflicts"/>):
    /// the claimed ones, and the image variants layouts ask for (<see cref="LayoutImages"/>).</summary>
    internal static readonly SiteValue<ValueList<OutputEntry>> Outputs = new("Site.Outputs", static s => s.Published().Entries, SiteCodecs.Outputs);

    /// <summary>Problems found while listing outputs: two sources claiming one path, URLs that
    /// would leave the output folder.</summary>
    internal static readonly SiteValue<ValueList<SiteDiagnostic>> OutputConflicts = new("Site.OutputConflicts", static s => s.Published().Problems, SiteCodecs.Diagnostics);

    /// <summary>The bytes of the output with this key (see <see cref="OutputEntry"/>). Keyed by
    /// what it renders, not by its path, so it never depends on the list of outputs. Compared by
    /// content: equal bytes stop the change here.</summary>
    internal static readonly SiteTable<string, byte[]> Output = new(
        "Site.Output", static (s, key) => s.ComputeOutput(key), SiteCodecs.FileBytes, ByteContentComparer.Instance, SiteValueRole.Transparent);

    private SiteReport ComputeReport()
    {
        var problems = new List<SiteDiagnostic>(Get(OutputConflicts));
        problems.AddRange(Get(DataProblems));
        problems.AddRange(Get(LinkProblems));
        problems.AddRange(Get(ContentWarnings));
        return new SiteReport(Get(Pages).Count, new ValueList<SiteDiagnostic>(problems));
    }

    internal static int PageCount(int items, SiteConfig config) => Math.Max(1, (items + config.PaginationSize - 1) / config.PaginationSize);

    internal static string ListPath(string folder, int number) =>
        (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/")) + "index.html";

    internal static string ListUrl(string folder, int number) =>
        "/" + (folder.Length == 0 ? string.Empty : folder + "/") + (number == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"page/{number}/"));

    internal static string IndexSource(string folder) => folder.Length == 0 ? "content/_index.md" : "content/" + folder + "/_index.md";

    /// <summary>True when the HTML, CSS and JS outputs are minified (<see cref="BuildOptions.Minify"/>
    /// or adapt.yaml's <c>minify</c>). Cheap: computed at each read by the phased model, whose
    /// cache is set aside when the options change.</summary>
    internal static readonly SiteValue<bool> Minifies = new("Site.Minifies", static s => s.ComputeMinifies(), role: SiteValueRole.Direct);

    private bool ComputeMinifies() => Model.Options.Minify || Get(Config).Minify;

    private byte[] Html(string html) => Encoding.UTF8.GetBytes(Get(Minifies) ? Minifier.Html(html) : html);

    private byte[] ComputeOutput(string key)
    {
        (string kind, string argument) = OutputEntry.SplitKey(key);
        return kind switch
        {
            _ when HasLayout(kind) => Get(LayoutsUseImages) ? Get(RenderedOutput, key).Bytes : Html(LayoutHtml(kind, argument, null)),
            "alias" => Html(AliasHtml(argument)),
            "feed" => Feed(argument),
            "sitemap" => Sitemap(),
            "robots" => Encoding.UTF8.GetBytes("User-agent: *\nAllow: /\n" + (Get(Config).Produces(OutputKinds.Sitemap) ? "Sitemap: " + Get(Config).BaseUrl + "sitemap.xml\n" : string.Empty)),
            "search" => SearchIndex(),
            "static" => Model.FileBytes(argument),
            "asset" => Get(AssetBytes, argument),
            "image" => ImageBytes(argument),
            _ => throw new InvalidOperationException("unknown output key " + key),
        };
    }

    /// <summary>The HTML of an output rendered through a layout; the image variants the layout
    /// asks for are added to <paramref name="images"/> (null: the layouts do not use the helper).</summary>
    private string LayoutHtml(string kind, string argument, ICollection<string>? images) => kind switch
    {
        "page" => PageHtmlOf(argument, images),
        "list" => ListHtml(argument, images),
        "term" => TermHtml(argument, images),
        "taxonomy" => TaxonomyHtml(argument, images),
        _ => Render(FindLayout(["404"], "layouts/404.hbs"),
            new LayoutContext(SiteContext(), new GeneratedPageContext("Page not found", "/404.html"), Images(IndexSource(string.Empty), images))),
    };

    /// <summary>What a layout sees as <c>images</c> (for the <c>image</c> helper): the images of
    /// <paramref name="source"/>, the variants used going to <paramref name="used"/>.</summary>
    private PageImageResolver? Images(string source, ICollection<string>? used) => used is null ? null : new PageImageResolver(this, source, used);

    internal string ListHtml(string argument, ICollection<string>? images)
    {
        (string folder, int number) = SplitNumbered(argument);
        ValueList<string> pages = folder.Length == 0 ? Get(Pages) : Get(SectionPages, folder);
        string index = IndexSource(folder);
        IDictionary<string, object?> page = Get(HasFile, index) && IsListed(index)
            ? PageContext(index, withContent: true, Images(index, images))
            : new GeneratedPageContext(folder.Length == 0 ? Get(Config).Title : SectionTitle(folder));
        page["url"] = ListUrl(folder, number);
        page["permalink"] = Permalink(ListUrl(folder, number));
        page["breadcrumbs"] = folder.Length == 0 ? null : Breadcrumbs(Permalinks.Parent(folder));
        var context = ListContext(page, pages, folder, number, index, images);
        context["sections"] = Get(Sections)
            .Where(s => s.Length > 0 && (folder.Length == 0 ? !s.Contains('/', StringComparison.Ordinal) : s.StartsWith(folder + "/", StringComparison.Ordinal) && !s[(folder.Length + 1)..].Contains('/', StringComparison.Ordinal)))
            .Select(s => (object?)new LinkContext(SectionTitle(s), "/" + s + "/"))
            .ToList();
        string section = Permalinks.Section(folder);
        IEnumerable<string> layouts = folder.Length == 0 ? ["home", "_default/list"] : [section + "/list", "_default/list"];
        return Render(FindLayout(layouts, index), context);
    }

    internal string TermHtml(string argument, ICollection<string>? images)
    {
        (string folder, int number) = SplitNumbered(argument);
        string taxonomy = Permalinks.Section(folder);
        string slug = folder[(taxonomy.Length + 1)..];
        TermPages term = Get(Terms, taxonomy).First(t => t.Slug == slug);
        var page = new GeneratedPageContext(term.Name, ListUrl(folder, number), Permalink(ListUrl(folder, number)));
        LayoutContext context = ListContext(page, term.Pages, folder, number, IndexSource(folder), images);
        context["taxonomy"] = new LinkContext(SectionTitle(taxonomy), "/" + taxonomy + "/");
        return Render(FindLayout([taxonomy + "/term", "term", "_default/list"], term.Pages[0]), context);
    }

    internal string TaxonomyHtml(string taxonomy, ICollection<string>? images)
    {
        var context = new LayoutContext(SiteContext(), new GeneratedPageContext(SectionTitle(taxonomy), "/" + taxonomy + "/", Permalink("/" + taxonomy + "/")), Images(IndexSource(taxonomy), images))
        {
            ["terms"] = Get(Terms, taxonomy).Select(t => (object?)new TermContext(t.Name, "/" + taxonomy + "/" + t.Slug + "/", t.Pages.Count)).ToList(),
        };
        return Render(FindLayout([taxonomy + "/taxonomy", "taxonomy", "_default/list"], SiteConfigParser.FileName), context);
    }

    /// <summary>A list page's context; <paramref name="source"/> is where its own images are
    /// found (its index page's folder), and each listed page has its own.</summary>
    internal LayoutContext ListContext(IDictionary<string, object?> page, ValueList<string> pages, string folder, int number, string source, ICollection<string>? images)
    {
        int size = Get(Config).PaginationSize;
        int count = PageCount(pages.Count, Get(Config));
        return new LayoutContext(SiteContext(), page, Images(source, images))
        {
            ["pages"] = pages.Skip((number - 1) * size).Take(size).Select(p => (object?)PageContext(p, withContent: false, Images(p, images))).ToList(),
            ["paginator"] = new PaginatorContext(number, count, number > 1 ? ListUrl(folder, number - 1) : null, number < count ? ListUrl(folder, number + 1) : null),
        };
    }

    /// <summary>A section's title: its index page's title, else its folder name in title case
    /// (<paramref name="root"/> for the site's root).</summary>
    internal string SectionTitle(string folder, string root = "")
    {
        string index = IndexSource(folder);
        return Get(HasFile, index) && Get(Meta, index).Title is { } title ? title
            : folder.Length == 0 ? root
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(folder[(folder.LastIndexOf('/') + 1)..].Replace('-', ' '));
    }

    internal string AliasHtml(string argument)
    {
        string source = argument[..argument.LastIndexOf(':')];
        string target = Permalink(Get(Url, source));
        string encoded = System.Net.WebUtility.HtmlEncode(target);
        return $"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{encoded}</title><link rel=\"canonical\" href=\"{encoded}\"><meta http-equiv=\"refresh\" content=\"0; url={encoded}\"></head><body><a href=\"{encoded}\">{encoded}</a></body></html>\n";
    }

    internal static (string Folder, int Number) SplitNumbered(string argument)
    {
        int colon = argument.LastIndexOf(':');
        return (argument[..colon], int.Parse(argument.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
