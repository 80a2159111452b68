namespace Adaptive.Site;

/// <summary>A page's terms in one taxonomy.</summary>
/// <param name="Taxonomy">The taxonomy (e.g. <c>tags</c>).</param>
/// <param name="Terms">The terms, as written.</param>
public sealed record TaxonomyTerms(string Taxonomy, ValueList<string> Terms);

/// <summary>A page's entry in a menu.</summary>
/// <param name="Menu">The menu's name (e.g. <c>main</c>).</param>
/// <param name="Name">The label (default: the page's title).</param>
/// <param name="Weight">Order within the menu (lower first).</param>
/// <param name="Parent">The name of a parent entry, for nested menus.</param>
public sealed record MenuEntry(string Menu, string? Name, int Weight, string? Parent);

/// <summary>
/// A page's front matter. Compared by value (lists and maps included), so re-parsing a page
/// whose metadata did not change stops propagation there.
/// </summary>
public sealed record FrontMatter
{
    /// <summary>The page's title.</summary>
    public string? Title { get; init; }

    /// <summary>Publication date; a page dated in the future is not built unless enabled.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Last modification date.</summary>
    public DateTimeOffset? LastMod { get; init; }

    /// <summary>A draft is not built unless drafts are enabled.</summary>
    public bool Draft { get; init; }

    /// <summary>Order in lists and menus (lower first; then date, then title).</summary>
    public int Weight { get; init; }

    /// <summary>Replaces the last segment of the page's URL.</summary>
    public string? Slug { get; init; }

    /// <summary>Replaces the page's whole URL.</summary>
    public string? Url { get; init; }

    /// <summary>Other URLs that redirect to this page.</summary>
    public ValueList<string> Aliases { get; init; } = ValueList<string>.Empty;

    /// <summary>Description for meta tags and feeds.</summary>
    public string? Description { get; init; }

    /// <summary>An explicit summary (otherwise: the text before <c>&lt;!--more--&gt;</c>, or the first paragraph).</summary>
    public string? Summary { get; init; }

    /// <summary>A layout to use instead of the looked-up one.</summary>
    public string? Layout { get; init; }

    /// <summary>Terms per configured taxonomy (e.g. <c>tags</c> → <c>[go, web]</c>), in taxonomy order.</summary>
    public ValueList<TaxonomyTerms> Taxonomies { get; init; } = ValueList<TaxonomyTerms>.Empty;

    /// <summary>Menu entries declared by the page.</summary>
    public ValueList<MenuEntry> Menus { get; init; } = ValueList<MenuEntry>.Empty;

    /// <summary>Free-form values: the <c>params</c> mapping and any key not listed above.</summary>
    public ValueDictionary Params { get; init; } = ValueDictionary.Empty;

    /// <summary>The terms of one taxonomy (empty when none).</summary>
    public ValueList<string> Terms(string taxonomy) =>
        Taxonomies.FirstOrDefault(t => t.Taxonomy == taxonomy)?.Terms ?? ValueList<string>.Empty;
}
