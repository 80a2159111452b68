using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>The page layer of the site graph: values, and how much is recomputed after edits.</summary>
public sealed class SiteGraphTests
{
    private static SiteFixture Blog() => new(
        ("adapt.yaml", "title: Blog\nbaseUrl: https://example.org/"),
        ("content/_index.md", "---\ntitle: Home\n---\nWelcome."),
        ("content/blog/_index.md", "---\ntitle: Blog\n---\n"),
        ("content/blog/first.md", "---\ntitle: First\ndate: 2024-01-01\ntags: [go]\n---\nSee [second](second.md)."),
        ("content/blog/second.md", "---\ntitle: Second\ndate: 2024-02-01\n---\nBody two."),
        ("content/blog/draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet."),
        ("content/blog/future.md", "---\ntitle: Future\ndate: 2030-01-01\n---\nLater."),
        ("content/about.md", "---\ntitle: About\nweight: 1\n---\nAbout us."));

    [Fact]
    public void Pages_config_urls_and_html_come_from_the_files()
    {
        using SiteFixture site = Blog();
        Assert.Equal("Blog", site.Site.Config.Title);
        Assert.Equal("/blog/first/", site.Site.Url("content/blog/first.md"));
        Assert.Contains("<a href=\"/blog/second/\">second</a>", site.Site.Rendered("content/blog/first.md").Html, StringComparison.Ordinal);
        Assert.False(site.Site.Get(SiteLogic.IsPublished, "content/blog/draft.md"));
        Assert.False(site.Site.Get(SiteLogic.IsPublished, "content/blog/future.md"));
        Assert.Equal(["content/blog/second.md", "content/blog/first.md", "content/about.md"], site.Site.Pages);
        Assert.Equal(["content/blog/second.md", "content/blog/first.md"], site.Site.Get(SiteLogic.SectionPages, "blog"));
        Assert.Equal(["content/about.md"], site.Site.Get(SiteLogic.SectionPages, ""));
    }

    [Fact]
    public void Body_edit_stops_at_the_front_matter()
    {
        using SiteFixture site = Blog();
        _ = site.Site.Pages;
        _ = site.Site.Rendered("content/blog/first.md");
        RuntimeStats before = site.Runtime.Stats;
        site.Write("content/blog/second.md", "---\ntitle: Second\ndate: 2024-02-01\n---\nA new body.");
        Assert.Equal(["content/blog/second.md", "content/blog/first.md", "content/about.md"], site.Site.Pages);
        Assert.Contains("A new body.", site.Site.Rendered("content/blog/second.md").Html, StringComparison.Ordinal);
        Assert.Contains("/blog/second/", site.Site.Rendered("content/blog/first.md").Html, StringComparison.Ordinal);
        RuntimeStats work = site.Runtime.Stats - before;
        Assert.Equal(3, work.Executions); // Parsed, Meta (cut off: equal) and Rendered of second.md
        Assert.Equal(1, work.Cutoffs);
    }

    [Fact]
    public void Draft_toggle_and_slug_change_update_lists_and_cross_references()
    {
        using SiteFixture site = Blog();
        _ = site.Site.Rendered("content/blog/first.md");
        site.Write("content/blog/draft.md", "---\ntitle: Draft\ndraft: false\ndate: 2024-03-01\n---\nNow.");
        Assert.Equal(["content/blog/draft.md", "content/blog/second.md", "content/blog/first.md", "content/about.md"], site.Site.Pages);
        site.Write("content/blog/second.md", "---\ntitle: Second\ndate: 2024-02-01\nslug: two\n---\nBody two.");
        Assert.Contains("<a href=\"/blog/two/\">second</a>", site.Site.Rendered("content/blog/first.md").Html, StringComparison.Ordinal);
        site.Delete("content/blog/second.md");
        SiteException error = Assert.Throws<SiteException>(() => site.Site.Rendered("content/blog/first.md"));
        Assert.Contains("no page at 'content/blog/second.md'", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_a_diagnostic_naming_the_file()
    {
        using SiteFixture site = Blog();
        site.WriteBytes("content/blog/second.md", [(byte)'-', (byte)'-', (byte)'-', (byte)'\n', 0xC3, 0x28, (byte)'\n']);
        SiteException error = Assert.Throws<SiteException>(() => site.Site.Meta("content/blog/second.md"));
        Assert.Equal(("content/blog/second.md", 2), (error.Diagnostic.File, error.Diagnostic.Line));
        Assert.Contains("not valid UTF-8", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("First", site.Site.Meta("content/blog/first.md").Title); // the rest still builds
    }
}

/// <summary>Taxonomies, related pages, neighbors and menus.</summary>
public sealed class SiteNavigationTests
{
    private static SiteFixture Site() => new(
        ("adapt.yaml", "menus: { main: [ { name: Home, url: /, weight: 1 } ] }"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Go, web]\nmenu: { main: { weight: 3 } }\n---\na"),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go]\ncategories: [notes]\n---\nb"),
        ("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\ntags: [web, go]\n---\nc"),
        ("content/docs/d.md", "---\ntitle: D\ntags: [rust]\nmenu: main\n---\nd"));

    [Fact]
    public void Terms_group_pages_by_slug_in_list_order()
    {
        using SiteFixture site = Site();
        Assert.Equal(
            [
                new TermPages("web", "web", new(["content/blog/c.md", "content/blog/a.md"])),
                new TermPages("go", "go", new(["content/blog/c.md", "content/blog/b.md", "content/blog/a.md"])),
                new TermPages("rust", "rust", new(["content/docs/d.md"])),
            ],
            site.Site.Get(SiteLogic.Terms, "tags").OrderBy(t => t.Slug == "web" ? 0 : t.Slug == "go" ? 1 : 2));
        Assert.Equal(["go", "rust", "web"], site.Site.Get(SiteLogic.Terms, "tags").Select(t => t.Slug));
        Assert.Equal("web", site.Site.Get(SiteLogic.Terms, "tags")[2].Name); // first written in list order (c.md)
    }

    [Fact]
    public void Related_pages_share_the_most_terms_with_ties_in_list_order()
    {
        using SiteFixture site = Site();
        Assert.Equal(["content/blog/c.md", "content/blog/b.md"], site.Site.Get(SiteLogic.Related, "content/blog/a.md"));
        Assert.Empty(site.Site.Get(SiteLogic.Related, "content/docs/d.md"));
    }

    [Fact]
    public void Neighbors_are_within_the_section()
    {
        using SiteFixture site = Site();
        Assert.Equal((null, "content/blog/b.md"), (site.Site.Get(SiteLogic.Previous, "content/blog/c.md"), site.Site.Get(SiteLogic.Next, "content/blog/c.md")));
        Assert.Equal(("content/blog/b.md", null), (site.Site.Get(SiteLogic.Previous, "content/blog/a.md"), site.Site.Get(SiteLogic.Next, "content/blog/a.md")));
        Assert.Equal((null, null), (site.Site.Get(SiteLogic.Previous, "content/docs/d.md"), site.Site.Get(SiteLogic.Next, "content/docs/d.md")));
    }

    [Fact]
    public void Menus_merge_config_and_front_matter_by_weight()
    {
        using SiteFixture site = Site();
        Assert.Equal(
            [new MenuItem("D", "/docs/d/", 0, null), new MenuItem("Home", "/", 1, null), new MenuItem("A", "/blog/a/", 3, null)],
            site.Site.Get(SiteLogic.Menu, "main"));
        site.Write("content/blog/a.md", "---\ntitle: A2\ndate: 2024-01-01\ntags: [Go, web]\nmenu: { main: { weight: 0 } }\n---\na");
        Assert.Equal("A2", site.Site.Get(SiteLogic.Menu, "main")[0].Name);
    }
}
