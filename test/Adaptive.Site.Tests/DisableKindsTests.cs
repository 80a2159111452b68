using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary><c>disableKinds</c> in adapt.yaml (Hugo's switch): disabled kinds are not computed or
/// written, links to them are not broken, both strategies agree byte for byte, and turning a
/// kind on or off is an incremental edit equal to a cold build.</summary>
public sealed class DisableKindsTests : IDisposable
{
    private const string Config = "title: Notes\nbaseUrl: https://example.org/\npagination: 2\n";
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SiteFixture _site = new(
        ("adapt.yaml", Config + "disableKinds: [RSS, term, sitemap, robotsTXT]"),
        ("content/_index.md", "---\ntitle: Home\n---\nWelcome."),
        ("content/blog/_index.md", "---\ntitle: The Blog\n---\nPosts."),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Go]\n---\nA body. See [the feed](/blog/index.xml) and [go](/tags/go/)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body."));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-kinds-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Theory]
    [InlineData("disableKinds: [RSS, robotsTXT, \"404\", Taxonomy]", new[] { "404", "robots", "rss", "taxonomy" })]
    [InlineData("disableKinds: [404, rss, rss]", new[] { "404", "rss" })]
    [InlineData("disableKinds: sitemap", new[] { "sitemap" })]
    [InlineData("disableKinds: []", new string[0])]
    [InlineData("disableKinds:\n  - home\n  - section\n  - page\n  - term\n  - search", new[] { "home", "page", "search", "section", "term" })]
    public void Reads_kinds_in_any_case_and_Hugos_spellings(string yaml, string[] kinds)
    {
        SiteConfig config = SiteConfigParser.Parse(yaml);
        Assert.Equal(kinds, config.DisabledKinds);
        foreach (string kind in OutputKinds.All)
        {
            Assert.Equal(!kinds.Contains(kind), config.Produces(kind));
        }
    }

    [Theory]
    [InlineData("disableKinds: [rss, feeds]", 1, 21, "unknown output kind 'feeds' in disableKinds: use rss, sitemap, robots, search, 404, taxonomy, term, section, home, page")]
    [InlineData("disableKinds:\n  - rss\n  - { kind: home }", 3, 5, "is a list of output kinds")]
    [InlineData("disableKinds: { rss: true }", 1, 15, "is a list of output kinds")]
    public void A_bad_kind_is_a_located_error(string yaml, int line, int column, string message)
    {
        SiteException error = Assert.Throws<SiteException>(() => SiteConfigParser.Parse(yaml));
        Assert.Equal(("adapt.yaml", line, column), (error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column));
        Assert.Contains(message, error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_kinds_are_not_written_and_links_to_them_are_not_broken()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build(refreshAll: true);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Empty(report.Diagnostics); // the links to /blog/index.xml and /tags/go/ are not broken

        string[] files = [.. OutputTree.Files(_output).Keys.Where(f => !f.StartsWith("css/", StringComparison.Ordinal) && !f.StartsWith("js/", StringComparison.Ordinal))]; // not the theme's assets
        Assert.Equal(
            ["404.html", "blog/a/index.html", "blog/b/index.html", "blog/c/index.html", "blog/index.html", "blog/page/2/index.html",
                "categories/index.html", "index.html", "page/2/index.html", "search.json", "tags/index.html"],
            files);
        string page = File.ReadAllText(Path.Combine(_output, "blog/a/index.html"));
        Assert.DoesNotContain("application/rss+xml", page, StringComparison.Ordinal); // the theme links no feed
        Assert.DoesNotContain(">RSS</a>", page, StringComparison.Ordinal);

        // The phased baseline makes the same files, byte for byte.
        string phased = Directory.CreateTempSubdirectory("adapt-kinds-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void Robots_leaves_out_a_disabled_sitemap_and_the_sitemap_a_disabled_kind()
    {
        _site.Write("adapt.yaml", Config + "disableKinds: [sitemap]");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build(refreshAll: true).Succeeded);
        Assert.Equal("User-agent: *\nAllow: /\n", File.ReadAllText(Path.Combine(_output, "robots.txt")));

        _site.Write("adapt.yaml", Config + "disableKinds: [page]");
        BuildReport report = builder.Build(refreshAll: true);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.False(File.Exists(Path.Combine(_output, "blog/a/index.html")));
        string sitemap = File.ReadAllText(Path.Combine(_output, "sitemap.xml"));
        Assert.Contains("<loc>https://example.org/blog/</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("https://example.org/blog/a/", sitemap, StringComparison.Ordinal);
        Assert.Equal("[]", File.ReadAllText(Path.Combine(_output, "search.json")));
        Assert.Contains("/blog/c/", File.ReadAllText(Path.Combine(_output, "blog/index.html")), StringComparison.Ordinal); // still listed
    }

    [Fact]
    public void Enabling_and_disabling_kinds_again_equal_cold_builds_and_write_only_what_changed()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build(refreshAll: true).Succeeded);

        // Feeds on again: the feeds appear, and every page (its head links the feed now).
        _site.Write("adapt.yaml", Config + "disableKinds: [term, sitemap, robotsTXT]");
        BuildReport enabled = builder.Build(refreshAll: true);
        Assert.True(enabled.Succeeded, string.Join("\n", enabled.Diagnostics));
        Assert.Contains("index.xml", enabled.Written);
        Assert.Contains("blog/index.xml", enabled.Written);
        Assert.DoesNotContain(enabled.Written, f => f.StartsWith("tags/go/", StringComparison.Ordinal)); // terms still off
        AssertEqualsColdBuild();

        // Everything on: the term pages, their feeds, the sitemap and robots.txt are added; the
        // pages, whose HTML does not change, are not written.
        _site.Write("adapt.yaml", Config);
        BuildReport all = builder.Build(refreshAll: true);
        Assert.True(all.Succeeded, string.Join("\n", all.Diagnostics));
        Assert.Equal(["robots.txt", "sitemap.xml", "tags/go/index.html", "tags/go/index.xml", "tags/web/index.html", "tags/web/index.xml"],
            all.Written.Order(StringComparer.Ordinal));
        AssertEqualsColdBuild();

        // And off again: their files are deleted.
        _site.Write("adapt.yaml", Config + "disableKinds: [term, sitemap, robotsTXT]");
        BuildReport off = builder.Build(refreshAll: true);
        Assert.Empty(off.Written);
        Assert.Equal(["robots.txt", "sitemap.xml", "tags/go/index.html", "tags/go/index.xml", "tags/web/index.html", "tags/web/index.xml"],
            off.Deleted.Order(StringComparer.Ordinal));
        AssertEqualsColdBuild();
    }

    private void AssertEqualsColdBuild() => BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
}
