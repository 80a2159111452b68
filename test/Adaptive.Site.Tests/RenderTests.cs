using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>Pages rendered through layouts: the default theme, overrides, and the precision of
/// re-rendering after template edits.</summary>
public sealed class RenderTests
{
    private static SiteFixture Site() => new(
        ("adapt.yaml", "title: Notes\nbaseUrl: https://example.org/\nmenus: { main: [ { name: Blog, url: /blog/, weight: 1 } ] }"),
        ("content/blog/_index.md", "---\ntitle: The Blog\n---\n"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Go]\n---\n## Intro\n\nHello."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB body."),
        ("content/docs/c.md", "---\ntitle: C\n---\nC body."));

    [Fact]
    public void Default_theme_renders_a_complete_page()
    {
        using SiteFixture site = Site();
        string html = site.Site.Get(SiteLogic.PageHtml, "content/blog/a.md");
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>A · Notes</title>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"https://example.org/blog/a/\">", html, StringComparison.Ordinal);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/css/theme\\.[0-9a-f]{8}\\.css\">", html);
        Assert.Contains("<a href=\"/blog/\">Blog</a>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/blog/\">The Blog</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#intro\">Intro</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tags/go/\">#Go</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"/blog/b/\">← B</a>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hello.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-01-01T00:00:00+00:00\">1 January 2024</time>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-02-01T00:00:00+00:00\">1 February 2024</time>", System.Text.Encoding.UTF8.GetString(site.Site.Output("list:blog:1")), StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", System.Text.Encoding.UTF8.GetString(DefaultTheme.File("assets/css/theme.css")!), StringComparison.Ordinal);
    }

    [Fact]
    public void Menus_nest_entries_under_their_parent()
    {
        using SiteFixture site = new(
            ("adapt.yaml", "title: Notes\nmenus:\n  main:\n    - { name: Docs, url: /docs/, weight: 2 }\n    - { name: Blog, url: /blog/, weight: 1 }\n    - { name: API, url: /docs/api/, weight: 2, parent: Docs }"),
            ("content/docs/guide.md", "---\ntitle: Guide\nmenu: { main: { parent: Docs, weight: 1 } }\n---\nSteps."));
        string html = site.Site.Get(SiteLogic.PageHtml, "content/docs/guide.md");
        Assert.Contains(
            "<li><a href=\"/blog/\">Blog</a></li>\n<li class=\"has-children\"><a href=\"/docs/\">Docs</a>\n"
            + "<ul class=\"submenu\"><li><a href=\"/docs/guide/\" aria-current=\"page\">Guide</a></li><li><a href=\"/docs/api/\">API</a></li></ul></li>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_layout_overrides_the_theme_for_that_section_only_and_its_edits_rerender_only_it()
    {
        using SiteFixture site = Site();
        site.Write("layouts/blog/single.hbs", "<h1>{{page.title}}</h1>{{{page.content}}}");
        Assert.Contains("<h1>A</h1>", PageOutput(site, "content/blog/a.md"), StringComparison.Ordinal);
        Assert.Contains("class=\"page\"", PageOutput(site, "content/docs/c.md"), StringComparison.Ordinal);
        _ = PageOutput(site, "content/blog/b.md");

        var rendered = new[] { "content/blog/a.md", "content/blog/b.md", "content/docs/c.md" };
        RuntimeStats before = site.Runtime.Stats;
        site.Write("layouts/blog/single.hbs", "<h2>{{page.title}}</h2>{{{page.content}}}");
        foreach (string page in rendered)
        {
            _ = PageOutput(site, page);
        }

        Assert.Contains("<h2>A</h2>", PageOutput(site, "content/blog/a.md"), StringComparison.Ordinal);
        RuntimeStats work = site.Runtime.Stats - before;
        Assert.Equal(4, work.Executions); // Layout("blog/single"), the check whether layouts use the image helper, and the two blog pages' outputs; docs/c.md untouched
    }

    /// <summary>A page's output (the memo that renders its HTML), as text.</summary>
    private static string PageOutput(SiteFixture site, string page) => System.Text.Encoding.UTF8.GetString(site.Site.Output("page:" + page));

    [Fact]
    public void A_partial_edit_rerenders_the_pages_that_use_it()
    {
        using SiteFixture site = Site();
        site.Write("layouts/partials/footer.hbs", "<footer>v1</footer>");
        Assert.Contains("<footer>v1</footer>", site.Site.Get(SiteLogic.PageHtml, "content/docs/c.md"), StringComparison.Ordinal);
        site.Write("layouts/partials/footer.hbs", "<footer>v2</footer>");
        Assert.Contains("<footer>v2</footer>", site.Site.Get(SiteLogic.PageHtml, "content/docs/c.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_layout_is_a_diagnostic_listing_what_was_tried()
    {
        using SiteFixture site = Site();
        site.Write("content/docs/c.md", "---\ntitle: C\nlayout: wide\n---\nC body.");
        SiteException missing = Assert.Throws<SiteException>(() => site.Site.Get(SiteLogic.PageHtml, "content/docs/c.md")); // never a silent fallback to single
        Assert.Equal(("content/docs/c.md", 3, 9), (missing.Diagnostic.File, missing.Diagnostic.Line, missing.Diagnostic.Column));
        Assert.StartsWith("layout 'wide' not found (tried: layouts/docs/wide.hbs, layouts/_default/wide.hbs)", missing.Diagnostic.Message, StringComparison.Ordinal);
        site.Write("layouts/_default/wide.hbs", "<div class=\"wide\">{{{page.content}}}</div>");
        Assert.Contains("<div class=\"wide\">", site.Site.Get(SiteLogic.PageHtml, "content/docs/c.md"), StringComparison.Ordinal);
        site.Write("layouts/_default/single.hbs", "{{#if x}}broken");
        SiteException error = Assert.Throws<SiteException>(() => site.Site.Get(SiteLogic.PageHtml, "content/blog/b.md"));
        Assert.Equal("layouts/_default/single.hbs", error.Diagnostic.File);
    }
}
