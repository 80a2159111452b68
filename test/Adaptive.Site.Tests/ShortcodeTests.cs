using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary>Shortcodes: built-ins and site templates, pairs with Markdown inside, nesting, code
/// that shows them as written; located errors; and an edit of a template (or of a partial in it)
/// re-rendering exactly the pages that use it, in the adaptive and the phased builds.</summary>
public sealed class ShortcodeTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Codes\nbaseUrl: https://example.org/\n"),
        ("layouts/shortcodes/kbd.hbs", "<kbd>{{#if params.key}}{{params.key}}{{else}}{{lookup args 0}}{{/if}}</kbd>\n"),
        ("layouts/shortcodes/badge.hbs", "<span class=\"badge\">{{> badge-text}}</span>"),
        ("layouts/partials/badge-text.hbs", "{{inner}}"),
        ("content/a.md", "---\ntitle: A\n---\nFirst paragraph.\n\nPress {{< kbd key=\"Ctrl\" >}} then {{< kbd \"C\" >}}.\n\n"
            + "{{< note title=\"Heads up\" >}}\nSome **bold** and {{< kbd \"Esc\" >}}.\n\n- a list\n{{< /note >}}\n\nAfter.\n"),
        ("content/b.md", "---\ntitle: B\n---\nFirst paragraph.\n\nText before\n{{< warning >}}\nMind the *gap*.\n{{< /warning >}}\nText after.\n\n"
            + "{{< card url=\"https://example.com/\" title=\"Example\" description=\"A site\" >}}\n\n{{< badge >}}new{{< /badge >}}\n"),
        ("content/c.md", "---\ntitle: C\n---\nFirst paragraph.\n\nShown as written: `{{< kbd \"x\" >}}` and {{</* note */>}}.\n\n```\n{{< nosuch >}}\n```\n\n"
            + "{{< figure src=\"/img/cat.jpg\" alt=\"A cat\" caption=\"Our cat\" width=\"640\" >}}\n"),
        ("content/d.md", "---\ntitle: D\n---\nFirst paragraph.\n\nNo shortcodes here.\n"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-shortcodes-").FullName;
    private readonly string _cache = Path.Combine(Directory.CreateTempSubdirectory("adapt-shortcodes-cache-").FullName, "cache.json");

    public ShortcodeTests() => _site.WriteBytes("static/img/cat.jpg", ImageTests.Picture(960, 720, 40, "jpeg"));

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
        Directory.Delete(Path.GetDirectoryName(_cache)!, recursive: true);
    }

    [Fact]
    public void Built_ins_site_templates_pairs_and_nesting_render_into_the_page()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));

        string a = Content("a/index.html");
        Assert.Contains("<p>Press <kbd>Ctrl</kbd> then <kbd>C</kbd>.</p>", a, StringComparison.Ordinal); // named and positional, inline
        Assert.Contains("<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Heads up</p>\n"
            + "<p>Some <strong>bold</strong> and <kbd>Esc</kbd>.</p>\n<ul>\n<li>a list</li>\n</ul>", a, StringComparison.Ordinal); // Markdown and a nested use inside
        Assert.Contains("</aside>\n<p>After.</p>", a, StringComparison.Ordinal);

        string b = Content("b/index.html");
        Assert.Contains("<p>Text before</p>\n<aside class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Mind the <em>gap</em>.</p>",
            b, StringComparison.Ordinal); // a block use closes the paragraph it is written in
        Assert.Contains("</aside>\n<p>Text after.</p>", b, StringComparison.Ordinal);
        Assert.Contains("<div class=\"link-card\"><a href=\"https://example.com/\"><span class=\"link-card-title\">Example</span>"
            + "<span class=\"link-card-text\">A site</span><span class=\"link-card-url\">https://example.com/</span></a></div>", b, StringComparison.Ordinal);
        Assert.Contains("<p><span class=\"badge\">new</span></p>", b, StringComparison.Ordinal); // a partial in a shortcode

        string c = Content("c/index.html");
        Assert.Contains("<code>{{&lt; kbd &quot;x&quot; &gt;}}</code> and {{&lt; note &gt;}}.", c, StringComparison.Ordinal); // code span, escape
        Assert.Contains("<pre><code>{{&lt; nosuch &gt;}}\n</code></pre>", c, StringComparison.Ordinal);
        Assert.Matches("<figure class=\"figure\"><img src=\"/img/cat\\.w640\\.[0-9a-f]{8}\\.jpg\" alt=\"A cat\" width=\"640\" height=\"480\" srcset=\"\\S+ 640w, \\S+ 960w\" sizes=\"\\(max-width: 640px\\) 100vw, 640px\" loading=\"lazy\"><figcaption>Our cat</figcaption></figure>",
            c); // the larger variant has all the source's 960 pixels

        string phased = Directory.CreateTempSubdirectory("adapt-shortcodes-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void A_use_in_a_heading_is_markup_in_the_heading_and_text_in_its_id_and_contents_entry()
    {
        _site.Write("content/e.md", "---\ntitle: E\n---\n## Press {{< kbd \"Esc\" >}} to close\n\nText.\n");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);
        string page = Content("e/index.html");
        Assert.Contains("<h2 id=\"press-to-close\">Press <kbd>Esc</kbd> to close", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#press-to-close\"", page, StringComparison.Ordinal);
        TocEntry entry = Assert.Single(_site.Site.Get(SiteLogic.Rendered, "content/e.md").Toc);
        Assert.Equal(("press-to-close", "Press Esc to close"), (entry.Id, entry.Text));
    }

    [Fact]
    public void A_site_template_overrides_a_built_in()
    {
        _site.Write("layouts/shortcodes/note.hbs", "<div class=\"my-note\">{{{inner}}}</div>");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);
        Assert.Contains("<div class=\"my-note\"><p>Some <strong>bold</strong>", Content("a/index.html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Text.\n\n{{< nope a=\"1\" >}}\n", 6, 1, "unknown shortcode 'nope': create layouts/shortcodes/nope.hbs or use one of badge, broken, card, figure, kbd, note, warning")]
    [InlineData("Text.\n\n{{< note >}}\nnever closed\n", 6, 1, "shortcode 'note' is not closed: it shows its inner content, so end it with {{< /note >}}")]
    [InlineData("Text.\n\n{{< /note >}}\n", 6, 1, "closing shortcode {{< /note >}} has no opening {{< note >}} before it")]
    [InlineData("Text {{< kbd \"x\" \n", 4, 6, "shortcode tag '{{<' is not closed: end it with '>}}'")]
    [InlineData("Text {{< kbd key=\"x >}}\n", 4, 6, "shortcode argument has an unclosed '\"'")]
    [InlineData("Text {{< kbd key=\"x\" key=\"y\" >}}\n", 4, 6, "shortcode 'kbd' sets 'key' twice")]
    [InlineData("Text.\n\n{{< note >}}\nIn it {{< nope >}}.\n{{< /note >}}\n", 7, 7, "unknown shortcode 'nope'")] // inside a pair: its own line
    [InlineData("Text.\n\n{{< broken >}}\n", 6, 1, "shortcode 'broken' (layouts/shortcodes/broken.hbs:1:1): '{{#if}}' is never closed")]
    public void Bad_use_is_an_error_at_the_tag_in_both_strategies(string body, int line, int column, string message)
    {
        _site.Write("layouts/shortcodes/broken.hbs", "{{#if params.x}}unclosed");
        _site.Write("content/e.md", "---\ntitle: E\n---\n" + body);
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.False(report.Succeeded);
        Assert.True(report.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) == 1, string.Join("\n", report.Diagnostics));
        SiteDiagnostic error = Assert.Single(report.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("content/e.md", line, column), (error.File, error.Line, error.Column));
        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), error.Message);

        string phased = Directory.CreateTempSubdirectory("adapt-shortcodes-phased-").FullName;
        BuildReport phasedReport = new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build();
        Assert.Equal(report.Diagnostics, phasedReport.Diagnostics);
        Directory.Delete(phased, recursive: true);
    }

    [Fact]
    public void Editing_a_template_re_renders_exactly_the_pages_that_use_it()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        PhasedBuilder Phased() => new(_site.Root, _output + "-phased", s_options, PhasedMode.Incremental, _cache);
        Assert.True(builder.Build().Succeeded);
        Assert.True(Phased().Build().Succeeded);
        AssertReRendered(builder, Phased, [], []);

        // kbd is used by a only (in c it is code): a's Markdown renders again, and a is written.
        _site.Write("layouts/shortcodes/kbd.hbs", "<kbd class=\"key\">{{#if params.key}}{{params.key}}{{else}}{{lookup args 0}}{{/if}}</kbd>");
        AssertReRendered(builder, Phased, ["content/a.md"], ["a/index.html"]);
        Assert.Contains("<kbd class=\"key\">Esc</kbd>", Content("a/index.html"), StringComparison.Ordinal);

        // The partial inside badge: b only.
        _site.Write("layouts/partials/badge-text.hbs", "<b>{{inner}}</b>");
        AssertReRendered(builder, Phased, ["content/b.md"], ["b/index.html"]);

        // A site file now overrides the built-in warning: b only; the built-in note (a) is untouched.
        _site.Write("layouts/shortcodes/warning.hbs", "<div class=\"warn\">{{{inner}}}</div>");
        AssertReRendered(builder, Phased, ["content/b.md"], ["b/index.html"]);
        Assert.Contains("<div class=\"warn\"><p>Mind the <em>gap</em>.</p>", Content("b/index.html"), StringComparison.Ordinal);

        // A template no page uses: nothing.
        _site.Write("layouts/shortcodes/unused.hbs", "<i>unused</i>");
        AssertReRendered(builder, Phased, [], []);

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
        BuildTests.AssertSameTree(_output + "-phased", _output); // and deletes the phased tree
    }

    private void AssertReRendered(SiteBuilder builder, Func<PhasedBuilder> phased, string[] markdown, string[] written)
    {
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build(refreshAll: true);
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.True(written.SequenceEqual(report.Written), string.Join(", ", report.Written));
        string[] rendered = [.. log.Names.Where(static name => name.Contains(".Rendered[", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        Assert.Equal([.. markdown.Select(static source => "Site[site].Rendered[" + source + "]")], rendered);

        // The phased cache knows pages, not values: it renders the pages using the template and
        // every output that reads anything of them (neighbours' links, lists, feeds), never d,
        // which uses none and is no neighbour of a or b.
        BuildReport phasedReport = phased().Build();
        Assert.True(phasedReport.Succeeded, string.Join("\n", phasedReport.Diagnostics));
        Assert.Subset(phasedReport.RenderedPaths.ToHashSet(), written.ToHashSet());
        Assert.DoesNotContain("d/index.html", phasedReport.RenderedPaths);
        if (written.Length == 0)
        {
            Assert.Empty(phasedReport.RenderedPaths);
        }
    }

    private string Content(string path) => File.ReadAllText(Path.Combine(_output, path));
}
