namespace Adaptive.Site.Tests;

/// <summary>Whole builds: the output tree, and incremental builds equal to cold ones, byte for
/// byte, doing only the necessary work.</summary>
public sealed class BuildTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Notes\nbaseUrl: https://example.org/\npagination: 2\nmenus: { main: [ { name: Blog, url: /blog/, weight: 1 } ] }"),
        ("content/_index.md", "---\ntitle: Home\n---\nWelcome."),
        ("content/blog/_index.md", "---\ntitle: The Blog\n---\nPosts."),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Go]\naliases: [/old-a/]\n---\nA body. See [b](b.md)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body."),
        ("content/docs/guide.md", "---\ntitle: Guide\n---\n## Install\n\nSteps."),
        ("static/robots-extra.txt", "hello"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-public-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    /// <summary>A builder with its own graph: it learns of edits by re-checking its inputs
    /// (<c>refreshAll</c>), as <c>adapt build</c> does without a watcher.</summary>
    private SiteBuilder Builder(string output) => new(_site.Root, output, new BuildOptions(Now: s_now));

    [Fact]
    public void Cold_build_writes_every_output()
    {
        using SiteBuilder builder = Builder(_output);
        BuildReport report = builder.Build(refreshAll: true);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(4, report.Pages);
        foreach (string file in (string[])["index.html", "page/2/index.html", "blog/index.html", "blog/page/2/index.html", "blog/a/index.html",
            "old-a/index.html", "docs/index.html", "docs/guide/index.html", "tags/index.html", "tags/go/index.html", "tags/web/index.html",
            "categories/index.html", "index.xml", "blog/index.xml", "tags/go/index.xml", "sitemap.xml", "robots.txt", "search.json", "404.html", "robots-extra.txt"])
        {
            Assert.True(File.Exists(Path.Combine(_output, file)), file + " is missing");
        }

        Assert.Single(Directory.GetFiles(Path.Combine(_output, "css")));
        Assert.Contains("<a href=\"/blog/b/\">b</a>", File.ReadAllText(Path.Combine(_output, "blog/a/index.html")), StringComparison.Ordinal);
        Assert.Contains("https://example.org/blog/a/", File.ReadAllText(Path.Combine(_output, "old-a/index.html")), StringComparison.Ordinal);
        Assert.Empty(builder.Build(refreshAll: true).Written); // nothing changed: nothing written
    }

    [Fact]
    public void Editing_an_included_page_rewrites_its_includers_and_equals_a_cold_build()
    {
        _site.Write("content/docs/guide.md", "---\ntitle: Guide\n---\nThe guide, with a summary of c:\n\n{{< summary \"../blog/c.md\" >}}\n");
        using SiteBuilder builder = Builder(_output);
        Assert.True(builder.Build().Succeeded);
        Assert.Contains("<div class=\"included-summary\">\n<p>C body.</p>\n</div>", File.ReadAllText(Path.Combine(_output, "docs/guide/index.html")), StringComparison.Ordinal);

        // c's first paragraph (its summary) changes: c and the page including it are rewritten,
        // with the lists and feeds that show c's summary, and nothing else.
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body, edited.");
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Contains("docs/guide/index.html", report.Written);
        Assert.Contains("blog/c/index.html", report.Written);
        Assert.DoesNotContain("blog/a/index.html", report.Written);
        Assert.DoesNotContain("blog/b/index.html", report.Written);
        AssertEqualsColdBuild();

        // A body edit of c below its summary leaves the includer alone.
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body, edited.\n\nA second paragraph.");
        BuildReport below = builder.Build(refreshAll: true);
        Assert.Equal(["blog/c/index.html"], below.Written);
        AssertEqualsColdBuild();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Body_edit_rewrites_that_page_only(bool toldByWatcher)
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body.\n\nMore text after the first paragraph.");
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = toldByWatcher
            ? builder.Build(rescan: false, changedFiles: ["content/blog/c.md"]) // refreshed inside the build: its work is the build's
            : builder.Build(refreshAll: true);
        Assert.Equal(["blog/c/index.html"], report.Written);
        Assert.Equal(log.Names.Count, report.Work.Executions);

        // The front matter did not change (its eager split stops the change there), and the
        // summary and links did not either: lists, feeds, the search index and the link check of
        // other pages are not even recomputed. The page's text shape (no shortcode, no image query) is the same.
        Assert.Equal(
            ["Site[site].BodySource[content/blog/c.md]", "Site[site].FrontMatterSource[content/blog/c.md]", "Site[site].LinksOf[(page:content/blog/c.md, blog/c/index.html)]",
             "Site[site].Output[page:content/blog/c.md]", "Site[site].ReadingMinutes[content/blog/c.md]",
             "Site[site].Rendered[content/blog/c.md]", "Site[site].Summary[content/blog/c.md]", "Site[site].TextShape[content/blog/c.md]"],
            log.Names);
        AssertEqualsColdBuild();
    }

    [Theory]
    [InlineData("title", "content/blog/b.md", "---\ntitle: B renamed\ndate: 2024-02-01\ntags: [go, web]\n---\nB body.")]
    [InlineData("date", "content/blog/a.md", "---\ntitle: A\ndate: 2024-06-01\ntags: [Go]\naliases: [/old-a/]\n---\nA body. See [b](b.md).")]
    [InlineData("tag added", "content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\ntags: [rust]\n---\nC body.")]
    [InlineData("tag removed", "content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go]\n---\nB body.")]
    [InlineData("draft", "content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\ndraft: true\n---\nC body.")]
    [InlineData("slug", "content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\nslug: bee\ntags: [go, web]\n---\nB body.")]
    [InlineData("future", "content/blog/c.md", "---\ntitle: C\ndate: 2030-03-01\n---\nC body.")]
    [InlineData("config", "adapt.yaml", "title: Notes 2\nbaseUrl: https://example.org/\npagination: 3")]
    [InlineData("partial", "layouts/partials/footer.hbs", "<footer>custom</footer>")]
    [InlineData("section layout", "layouts/blog/single.hbs", "<h1>{{page.title}}</h1>{{{page.content}}}")]
    [InlineData("static", "static/robots-extra.txt", "changed")]
    [InlineData("asset", "assets/css/theme.css", "body { color: red; }")]
    [InlineData("weight", "content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\nweight: 5\n---\nC body.")]
    [InlineData("tag renamed", "content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Golang]\naliases: [/old-a/]\n---\nA body. See [b](b.md).")]
    [InlineData("summary", "content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\nsummary: Short.\n---\nC body.")]
    [InlineData("base layout", "layouts/_default/baseof.hbs", "<!doctype html><html><body>{{{content}}}</body></html>")]
    [InlineData("home layout", "layouts/home.hbs", "<h1>{{site.title}}</h1>{{#each pages}}<a href=\"{{url}}\">{{title}}</a>{{/each}}")]
    [InlineData("data", "data/info.yaml", "motto: hi")]
    [InlineData("new page", "content/blog/d.md", "---\ntitle: D\ndate: 2024-04-01\ntags: [web]\n---\nD body.")]
    public void Incremental_build_equals_a_cold_build(string edit, string file, string text)
    {
        using SiteBuilder builder = Builder(_output);
        Assert.True(builder.Build().Succeeded);
        _site.Write(file, text);
        BuildReport report = builder.Build(refreshAll: true);
        Assert.True(report.Succeeded, edit + ": " + string.Join("\n", report.Diagnostics));
        AssertEqualsColdBuild();
    }

    [Fact]
    public void A_new_page_does_not_rerender_pages_of_other_sections()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        _site.Write("content/blog/d.md", "---\ntitle: D\ndate: 2024-04-01\n---\nD body.");
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Contains("blog/d/index.html", report.Written);
        Assert.DoesNotContain(log.Names, n => n.Contains("Output[page:content/docs/guide.md]", StringComparison.Ordinal));
        Assert.DoesNotContain("docs/guide/index.html", report.Written);
        AssertEqualsColdBuild();
    }

    [Fact]
    public void A_list_template_edit_rewrites_lists_only()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        _site.Write("layouts/_default/list.hbs", "<h1>{{page.title}}</h1>{{#each pages}}<p><a href=\"{{url}}\">{{title}}</a></p>{{/each}}");
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Equal(["blog/index.html", "blog/page/2/index.html", "docs/index.html"], report.Written); // the home, terms and taxonomies have their own theme layouts
        AssertEqualsColdBuild();
    }

    [Fact]
    public void An_edit_in_the_same_second_that_keeps_the_size_is_seen()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        string path = Path.Combine(_site.Root, "content/blog/c.md");
        DateTime stamp = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, "---\ntitle: C\ndate: 2024-03-01\n---\nX body.");
        File.SetLastWriteTimeUtc(path, stamp); // same size, same time stamp
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Contains("blog/c/index.html", report.Written);
        Assert.Contains("X body.", File.ReadAllText(Path.Combine(_output, "blog/c/index.html")), StringComparison.Ordinal);
        AssertEqualsColdBuild();
    }

    [Fact]
    public void Renaming_a_section_folder_moves_its_outputs()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        Directory.Move(Path.Combine(_site.Root, "content/docs"), Path.Combine(_site.Root, "content/manual"));
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Contains("docs/guide/index.html", report.Deleted);
        Assert.Contains("docs/index.html", report.Deleted);
        Assert.Contains("manual/guide/index.html", report.Written);
        Assert.False(Directory.Exists(Path.Combine(_output, "docs")), "the old section's folder is removed");
        AssertEqualsColdBuild();
    }

    [Fact]
    public void Deleting_and_renaming_pages_removes_their_outputs()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        _site.Delete("content/docs/guide.md");
        BuildReport deleted = builder.Build(refreshAll: true);
        Assert.Contains("docs/guide/index.html", deleted.Deleted);
        Assert.Contains("docs/index.html", deleted.Deleted);
        File.Move(Path.Combine(_site.Root, "content/blog/c.md"), Path.Combine(_site.Root, "content/blog/see.md"));
        _site.Site.Rescan();
        BuildReport renamed = builder.Build(refreshAll: true);
        Assert.Contains("blog/c/index.html", renamed.Deleted);
        Assert.Contains("blog/see/index.html", renamed.Written);
        AssertEqualsColdBuild();
    }

    [Fact]
    public void Errors_are_reported_and_the_other_pages_still_build()
    {
        using SiteBuilder builder = Builder(_output);
        builder.Build();
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: someday\n---\nC body.");
        _site.Write("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB body, edited.");
        BuildReport report = builder.Build(refreshAll: true);
        Assert.False(report.Succeeded, "diagnostics: " + string.Join(" | ", report.Diagnostics) + "; written: " + string.Join(", ", report.Written));
        Assert.Contains(report.Diagnostics, d => d.File == "content/blog/c.md" && d.Line == 3 && d.Message.Contains("not a date", StringComparison.Ordinal));
        Assert.Contains("B body, edited.", File.ReadAllText(Path.Combine(_output, "blog/b/index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_pages_claiming_one_url_is_an_error_naming_both()
    {
        using SiteBuilder builder = Builder(_output);
        _site.Write("content/docs/other.md", "---\ntitle: Other\nurl: /blog/a/\n---\nx");
        BuildReport report = builder.Build(refreshAll: true);
        SiteDiagnostic conflict = Assert.Single(report.Diagnostics, d => d.Message.Contains("would be written by both", StringComparison.Ordinal));
        Assert.Contains("content/blog/a.md", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("content/docs/other.md", conflict.Message, StringComparison.Ordinal);
    }

    /// <summary>The output folder equals, file for file and byte for byte, a cold build of the
    /// same files into a fresh folder.</summary>
    private void AssertEqualsColdBuild() => AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(Now: s_now));

    /// <summary>Builds the site at <paramref name="root"/> cold into a new folder with
    /// <paramref name="options"/> and asserts that <paramref name="output"/> holds the same files
    /// with the same bytes (and, unless <paramref name="succeeds"/> is false, that the cold build
    /// succeeded).</summary>
    internal static void AssertEqualsColdBuild(string root, string output, BuildOptions options, bool succeeds = true)
    {
        string cold = Directory.CreateTempSubdirectory("adapt-cold-").FullName;
        using (var fresh = new SiteBuilder(root, cold, options))
        {
            BuildReport report = fresh.Build();
            if (succeeds)
            {
                Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
            }
        }

        AssertSameTree(cold, output);
    }

    /// <summary>Asserts two output folders hold the same files with the same bytes, then
    /// deletes <paramref name="cold"/>.</summary>
    internal static void AssertSameTree(string cold, string output)
    {
        try
        {
            Assert.Equal(OutputTree.Files(cold), OutputTree.Files(output));
        }
        finally
        {
            if (Directory.Exists(cold))
            {
                Directory.Delete(cold, recursive: true);
            }
        }
    }
}
