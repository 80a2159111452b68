namespace Adaptive.Site.Tests;

/// <summary>Internal link validation of the generated HTML.</summary>
public sealed class LinkTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Links\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nA body."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB body.\n\nSee [a](/blog/a/) and [its feed](/blog/index.xml)."),
        ("static/img/logo.png", "png"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-links-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Theory]
    [InlineData("<a href=\"/blog/\">x</a>", "/blog/")]
    [InlineData("<a href=\"../b/#top\">x</a>", "/blog/b/")]
    [InlineData("<a href=\"c/?q=1\">x</a>", "/blog/a/c/")]
    [InlineData("<img src=\"/img/my%20logo.png\">", "/img/my logo.png")]
    [InlineData("<a href=\"https://example.org/docs/\">x</a>", "/docs/")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/new/\">", "/new/")]
    [InlineData("<link rel=\"stylesheet\" href=\"/css/site.css\"><script src=\"/js/a.js\"></script>", "/css/site.css", "/js/a.js")]
    [InlineData("<a href=\"https://elsewhere.org/\">x</a><a href=\"mailto:a@b.c\">x</a><a href=\"#top\">x</a><a href=\"//cdn.org/x\">x</a><a>x</a>")]
    [InlineData("<script>var s = '<a href=\"/in-script/\">';</script><style>a[href=\"/in-style/\"]{}</style><!-- <a href=\"/in-comment/\"> --><textarea><a href=\"/in-textarea/\"></textarea><a href=/ok/>x</a>", "/ok/")]
    [InlineData("<A HREF='/upper/'>x</A><a href=\"/a&amp;b/\">x</a>", "/a&b/", "/upper/")]
    public void Finds_internal_links_with_an_html_parser(string html, params string[] expected)
    {
        ValueList<string> links = LinkExtractor.Internal("<!doctype html><html><head></head><body>" + html + "</body></html>", "/blog/a/", "https://example.org/");
        Assert.Equal(expected, links);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/blog/", true)]
    [InlineData("/blog", true)]
    [InlineData("/img/logo.png", true)]
    [InlineData("/blog/nope/", false)]
    [InlineData("/img/", false)]
    public void A_link_exists_when_an_output_serves_it(string link, bool exists) =>
        Assert.Equal(exists, LinkExtractor.Exists(link, new ValueList<string>(["blog/index.html", "img/logo.png", "index.html"])));

    [Fact]
    public void The_default_theme_and_a_clean_site_have_no_broken_links()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        BuildReport report = builder.Build();
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public void A_broken_link_is_a_warning_at_the_line_of_the_page_that_writes_it()
    {
        _site.Write("content/blog/c.md", "---\ntitle: C\n---\nFirst.\n\nA [dead link](/blog/nope/) and [an image](/img/missing.png).");
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded);
        Assert.Equal(
            ["content/blog/c.md:6:1: warning: broken link to '/blog/nope/' in blog/c/index.html: no page or file is published there. Fix the link, or publish the target",
             "content/blog/c.md:6:1: warning: broken link to '/img/missing.png' in blog/c/index.html: no page or file is published there. Fix the link, or publish the target"],
            report.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Build_links_error_fails_the_build_and_off_skips_the_check()
    {
        _site.Write("content/blog/c.md", "---\ntitle: C\n---\n[dead](/nope/)");
        _site.Write("adapt.yaml", "title: Links\nbaseUrl: https://example.org/\nbuild: { links: error }");
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        BuildReport failing = builder.Build();
        Assert.False(failing.Succeeded);
        SiteDiagnostic error = Assert.Single(failing.Diagnostics); // one problem, though the home and blog lists show it in c's summary
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(
            "content/blog/c.md:4:1: error: broken link to '/nope/' in blog/c/index.html and 2 other pages (blog/index.html, index.html): no page or file is published there. Fix the link, or publish the target",
            error.ToString());
        _site.Write("adapt.yaml", "title: Links\nbaseUrl: https://example.org/\nbuild: { links: off }");
        Assert.Empty(builder.Build(refreshAll: true).Diagnostics);
    }

    [Fact]
    public void A_broken_menu_link_is_one_problem_located_in_adapt_yaml()
    {
        _site.Write("adapt.yaml", "title: Links\nbaseUrl: https://example.org/\nmenus:\n  main:\n    - { name: Gone, url: /gone/ }");
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        SiteDiagnostic problem = Assert.Single(builder.Build().Diagnostics);
        Assert.Equal(("adapt.yaml", 5), (problem.File, problem.Line));
        Assert.Contains("other pages", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_target_breaks_its_referrers_and_restoring_it_repairs_them()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        Assert.Empty(builder.Build().Diagnostics);
        string a = File.ReadAllText(Path.Combine(_site.Root, "content/blog/a.md"));
        _site.Delete("content/blog/a.md");
        BuildReport deleted = builder.Build(refreshAll: true);
        SiteDiagnostic broken = Assert.Single(deleted.Diagnostics);
        Assert.Equal(("content/blog/b.md", 7), (broken.File, broken.Line));
        Assert.Contains("'/blog/a/'", broken.Message, StringComparison.Ordinal);
        Assert.Equal(ColdDiagnostics(), deleted.Diagnostics.Select(d => d.ToString()));

        _site.Write("content/blog/a.md", a);
        Assert.Empty(builder.Build(refreshAll: true).Diagnostics);
    }

    [Fact]
    public void A_body_edit_that_keeps_the_links_checks_only_that_page()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        builder.Build();
        _site.Write("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB body.\n\nSee [a](/blog/a/) and [its feed](/blog/index.xml), edited.");
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Equal(["blog/b/index.html"], report.Written);
        Assert.Equal(["Site[site].LinksOf[(page:content/blog/b.md, blog/b/index.html)]"], log.Names.Where(n => n.Contains("Links", StringComparison.Ordinal)));
    }

    private List<string> ColdDiagnostics()
    {
        string cold = Directory.CreateTempSubdirectory("adapt-links-cold-").FullName;
        try
        {
            using var fresh = new SiteBuilder(_site.Root, cold, new BuildOptions(Now: s_now));
            return [.. fresh.Build().Diagnostics.Select(d => d.ToString())];
        }
        finally
        {
            Directory.Delete(cold, recursive: true);
        }
    }
}
