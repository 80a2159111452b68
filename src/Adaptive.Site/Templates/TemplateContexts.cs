// The contexts templates see, one named type each with the fields it holds: what a layout gets
// (site, page and, on lists, pages and paginator), links, menu entries, terms, TOC entries. They
// are dictionaries because Handlebars reads them by key and templates keep their field names;
// invariants: keys compare ordinally, and a context is not changed once a template has read it.
namespace Adaptive.Site;

/// <summary>A template context: named fields, read by key.</summary>
internal abstract class TemplateContext : Dictionary<string, object?>
{
    protected TemplateContext()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>What templates see as <c>site</c>: adapt.yaml's <c>title</c>, <c>baseUrl</c>,
/// <c>language</c>, <c>description</c>, <c>author</c> and <c>params</c>; <c>menus</c> (name → entry
/// tree), <c>assets</c> (path → fingerprinted URL), <c>data</c>, <c>taxonomies</c> and
/// <c>produces</c> (output kind → whether the site makes it).</summary>
internal sealed class SiteContext : TemplateContext
{
    public SiteContext(SiteConfig config, Dictionary<string, object?> menus, object? assets, DataContext data, Dictionary<string, object?> produces)
    {
        this["title"] = config.Title;
        this["baseUrl"] = config.BaseUrl;
        this["language"] = config.Language;
        this["description"] = config.Description;
        this["author"] = config.Author;
        this["params"] = TemplateValues.From(config.Params);
        this["menus"] = menus;
        this["assets"] = assets;
        this["data"] = data;
        var taxonomies = new List<TermContext>(config.Taxonomies.Count);
        foreach (string taxonomy in config.Taxonomies)
        {
            taxonomies.Add(new TermContext(taxonomy, "/" + taxonomy + "/"));
        }

        this["taxonomies"] = taxonomies;
        this["produces"] = produces;
    }
}

/// <summary>What a layout renders: <c>site</c> and <c>page</c>; on a list also <c>pages</c> and
/// <c>paginator</c>, and <c>sections</c>, <c>taxonomy</c> or <c>terms</c> where the list has them;
/// <c>images</c> (for the <c>image</c> helper) on a site whose layouts use it.</summary>
internal sealed class LayoutContext : TemplateContext
{
    public LayoutContext(SiteContext site, IDictionary<string, object?> page, PageImageResolver? images = null)
    {
        this["site"] = site;
        this["page"] = page;
        if (images is not null)
        {
            this["images"] = images;
        }
    }
}

/// <summary>A page that has no source of its own (a list without an index page, a taxonomy, a
/// term, the 404 page): <c>title</c>, <c>url</c> and <c>permalink</c> where known.</summary>
internal sealed class GeneratedPageContext : TemplateContext
{
    public GeneratedPageContext(string title, string? url = null, string? permalink = null)
    {
        this["title"] = title;
        if (url is not null)
        {
            this["url"] = url;
        }

        if (permalink is not null)
        {
            this["permalink"] = permalink;
        }
    }
}

/// <summary>A link to a page or section: <c>title</c> and <c>url</c>.</summary>
internal sealed class LinkContext : TemplateContext
{
    public LinkContext(string title, string url)
    {
        this["title"] = title;
        this["url"] = url;
    }
}

/// <summary>A term or taxonomy as a link: <c>name</c>, <c>url</c> and, on a taxonomy page, the
/// <c>count</c> of its pages.</summary>
internal sealed class TermContext : TemplateContext
{
    public TermContext(string name, string url, int? count = null)
    {
        this["name"] = name;
        this["url"] = url;
        if (count is { } pages)
        {
            this["count"] = pages;
        }
    }
}

/// <summary>A table-of-contents entry: <c>level</c>, <c>id</c>, <c>text</c>.</summary>
internal sealed class TocContext : TemplateContext
{
    public TocContext(TocEntry entry)
    {
        this["level"] = entry.Level;
        this["id"] = entry.Id;
        this["text"] = entry.Text;
    }
}

/// <summary>A menu entry: <c>name</c>, <c>url</c>, <c>weight</c>, <c>parent</c> and its
/// <c>children</c>.</summary>
internal sealed class MenuEntryContext : TemplateContext
{
    public MenuEntryContext(MenuItem item, List<object?> children)
    {
        this["name"] = item.Name;
        this["url"] = item.Url;
        this["weight"] = item.Weight;
        this["parent"] = item.Parent;
        this["children"] = children;
    }
}

/// <summary>A list's pagination: <c>number</c> (1-based), <c>count</c>, <c>hasPages</c>, and the
/// <c>prev</c> and <c>next</c> URLs (null at the ends).</summary>
internal sealed class PaginatorContext : TemplateContext
{
    public PaginatorContext(int number, int count, string? previous, string? next)
    {
        this["number"] = number;
        this["count"] = count;
        this["hasPages"] = count > 1;
        this["prev"] = previous;
        this["next"] = next;
    }
}
