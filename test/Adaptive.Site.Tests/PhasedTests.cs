using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary>The phased baseline: its phases, its incremental decisions (what it renders for each
/// kind of edit) and its output, byte-identical to the adaptive build's.</summary>
public sealed class PhasedTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Notes\nbaseUrl: https://example.org/\npagination: 2\nmenus: { main: [ { name: Blog, url: /blog/, weight: 1 } ] }"),
        ("content/_index.md", "---\ntitle: Home\n---\nWelcome."),
        ("content/blog/_index.md", "---\ntitle: The Blog\n---\nPosts."),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [Go]\naliases: [/old-a/]\n---\nA body. See [b](b.md)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body."),
        ("content/docs/guide.md", "---\ntitle: Guide\n---\n## Install\n\nSteps."),
        ("data/info.yaml", "motto: hi"),
        ("static/robots-extra.txt", "hello"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-phased-").FullName;
    private readonly string _cache = Path.Combine(Directory.CreateTempSubdirectory("adapt-phased-cache-").FullName, "cache.json");

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
        Directory.Delete(Path.GetDirectoryName(_cache)!, recursive: true);
    }

    private PhasedBuilder Incremental() => new(_site.Root, _output, s_options, PhasedMode.Incremental, _cache);

    [Fact]
    public void Runs_every_phase_in_order_and_equals_the_adaptive_build()
    {
        BuildReport report = new PhasedBuilder(_site.Root, _output, s_options, PhasedMode.Full).Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Equal(
            ["discovery", "sections", "taxonomies", "menus", "related", "assets", "render", "layout images", "postprocess", "cache save", "stats"],
            report.Phases!.Select(p => p.Name));
        Assert.Equal(report.Outputs, report.Rendered);
        Assert.Equal(4, report.Pages);
        Assert.Equal(9, report.Phases![0].Items); // files: 6 pages, a data file, a static file, adapt.yaml
        Assert.Equal(3, report.Phases![1].Items); // sections: home, blog, docs
        Assert.Equal(2, report.Phases![2].Items); // terms: go and web (tags), none in categories
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_url_with_a_line_break_is_the_same_located_error_as_in_the_adaptive_build()
    {
        // Found by FuzzProperties: an output key and path were joined with a newline. Such a URL
        // is now an error at the page in both builds, and no output path holds a line break.
        _site.Write("content/blog/odd.md", "---\ntitle: Odd\nurl: \"/odd\\n---/\"\n---\nOdd body, see [a](a.md).");
        BuildReport report = new PhasedBuilder(_site.Root, _output, s_options, PhasedMode.Full).Build();
        Assert.DoesNotContain(report.Written, path => path.Any(char.IsControl));
        Assert.Contains(report.Diagnostics, d => d.File == "content/blog/odd.md" && d.Message.Contains("holds a control character (U+000A)", StringComparison.Ordinal));
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void Editing_an_included_page_rerenders_its_includer()
    {
        _site.Write("content/docs/guide.md", "---\ntitle: Guide\n---\nIncludes c:\n\n{{< summary \"../blog/c.md\" >}}\n");
        Incremental().Build();
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body, edited.");
        BuildReport report = Incremental().Build();
        Assert.Contains("docs/guide/index.html", report.Written);
        Assert.True(report.Rendered < report.Outputs, $"{report.Rendered} of {report.Outputs} rendered");
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void An_unchanged_site_renders_nothing()
    {
        Incremental().Build();
        BuildReport again = Incremental().Build();
        Assert.Equal(0, again.Rendered);
        Assert.Empty(again.Written);
        Assert.Empty(again.Deleted);
    }

    [Fact]
    public void A_body_edit_renders_the_page_and_the_outputs_that_show_it()
    {
        BuildReport cold = Incremental().Build();
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body.\n\nMore text after the first paragraph.");
        BuildReport report = Incremental().Build();
        Assert.Equal(["blog/c/index.html"], report.Written);
        Assert.InRange(report.Rendered, 2, cold.Outputs - 1); // the page, and lists, feeds, neighbors that read it: a page-level dependency
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_section_template_edit_renders_that_sections_pages_only()
    {
        Incremental().Build();
        _site.Write("layouts/blog/single.hbs", "<h1>{{page.title}}</h1>{{{page.content}}}");
        BuildReport report = Incremental().Build();
        Assert.Equal(3, report.Rendered);
        Assert.Equal(["blog/a/index.html", "blog/b/index.html", "blog/c/index.html"], report.Written);
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_data_edit_renders_only_outputs_that_read_it()
    {
        _site.Write("layouts/docs/single.hbs", "<p>{{site.data.info.motto}}</p>{{{page.content}}}");
        Incremental().Build();
        _site.Write("data/info.yaml", "motto: hello");
        BuildReport report = Incremental().Build();
        Assert.Equal(1, report.Rendered);
        Assert.Equal(["docs/guide/index.html"], report.Written);
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_config_edit_is_a_full_build()
    {
        BuildReport cold = Incremental().Build();
        _site.Write("adapt.yaml", "title: Notes 2\nbaseUrl: https://example.org/\npagination: 2\nmenus: { main: [ { name: Blog, url: /blog/, weight: 1 } ] }");
        BuildReport report = Incremental().Build();
        Assert.Equal(report.Outputs, report.Rendered);
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_cross_referenced_page_moving_rerenders_its_referrers()
    {
        Incremental().Build();
        _site.Write("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\nslug: bee\ntags: [go, web]\n---\nB body.");
        BuildReport report = Incremental().Build();
        Assert.Contains("blog/a/index.html", report.Written); // its link to b changed
        Assert.Contains("blog/b/index.html", report.Deleted);
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void A_damaged_or_foreign_cache_means_a_full_build()
    {
        BuildReport cold = Incremental().Build();
        File.WriteAllText(_cache, "{ not json");
        BuildReport report = Incremental().Build();
        Assert.Equal(cold.Outputs, report.Rendered);
        Assert.Empty(report.Written);
        AssertEqualsAdaptiveColdBuild();
    }

    [Fact]
    public void Errors_are_carried_until_fixed_and_match_the_adaptive_build()
    {
        Incremental().Build();
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: someday\n---\nC body.");
        BuildReport broken = Incremental().Build();
        BuildReport again = Incremental().Build(); // nothing changed: the error is still reported
        Assert.False(again.Succeeded);
        Assert.Equal(broken.Diagnostics, again.Diagnostics);
        Assert.Equal(0, again.Rendered);
        Assert.Equal(AdaptiveCold().Diagnostics, again.Diagnostics);
        _site.Write("content/blog/c.md", "---\ntitle: C\ndate: 2024-03-01\n---\nC body.");
        Assert.True(Incremental().Build().Succeeded);
        AssertEqualsAdaptiveColdBuild();
    }

    private BuildReport AdaptiveCold()
    {
        string cold = Directory.CreateTempSubdirectory("adapt-phased-cold-").FullName;
        try
        {
            using var builder = new SiteBuilder(_site.Root, cold, s_options);
            return builder.Build();
        }
        finally
        {
            Directory.Delete(cold, recursive: true);
        }
    }

    private void AssertEqualsAdaptiveColdBuild()
    {
        string cold = Directory.CreateTempSubdirectory("adapt-phased-cold-").FullName;
        using (var builder = new SiteBuilder(_site.Root, cold, s_options))
        {
            builder.Build();
        }

        BuildTests.AssertSameTree(cold, _output);
    }
}
