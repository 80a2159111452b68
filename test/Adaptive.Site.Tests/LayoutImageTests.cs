using Adaptive.Core;
using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary>The <c>image</c> helper in layouts (a cover in a page's layout, thumbnails in a
/// list's): the variants a render asks for are published after the outputs the site lists
/// without rendering, encoded once, deleted when no render asks for them any more; both
/// strategies agree byte for byte, and a site whose layouts do not use the helper does no more
/// work than before.</summary>
public sealed class LayoutImageTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private const string Single =
        "<main>{{#if page.params.cover}}{{#with (image images page.params.cover width=300 format=\"webp\")}}"
        + "<img class=\"cover\" src=\"{{url}}\" width=\"{{width}}\" height=\"{{height}}\"{{#if srcset}} srcset=\"{{srcset}}\"{{/if}}>{{/with}}{{/if}}{{{page.content}}}</main>";

    private const string List =
        "<ul>{{#each pages}}<li><a href=\"{{url}}\">{{#if params.cover}}{{#with (image images params.cover width=100 height=100 fit=\"cover\")}}"
        + "<img class=\"thumb\" src=\"{{url}}\">{{/with}}{{/if}}{{title}}</a></li>{{/each}}</ul>";

    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Covers\nbaseUrl: https://example.org/\n"),
        ("content/blog/a.md", "---\ntitle: A\ncover: cat.jpg\ntags: [go]\n---\nFirst paragraph.\n\n![The same as the cover](cat.jpg?width=300&format=webp)\n"),
        ("content/blog/b.md", "---\ntitle: B\ncover: /img/big.png\n---\nB's paragraph.\n"),
        ("content/blog/c.md", "---\ntitle: C\n---\nNo cover.\n"),
        ("layouts/_default/single.hbs", Single),
        ("layouts/_default/list.hbs", List),
        ("layouts/term.hbs", List));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-layout-images-").FullName;

    public LayoutImageTests()
    {
        _site.WriteBytes("content/blog/cat.jpg", ImageTests.Picture(1200, 800, 10, "jpeg"));
        _site.WriteBytes("static/img/big.png", ImageTests.Picture(400, 300, 200, "png"));
    }

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Covers_and_thumbnails_are_published_with_their_size_and_srcset_and_both_strategies_agree()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));

        string small = Variant("blog/cat.w300-webp.");
        string large = Variant("blog/cat.w600-webp.");
        string a = Content("blog/a/index.html");
        Assert.Contains($"<img class=\"cover\" src=\"/{small}\" width=\"300\" height=\"200\" srcset=\"/{small} 300w, /{large} 600w\">", a, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/{small}\" width=\"300\" height=\"200\"", a, StringComparison.Ordinal); // the body's image: the same variant
        string bCover = Variant("img/big.w300-webp.");
        Assert.Contains($"<img class=\"cover\" src=\"/{bCover}\" width=\"300\" height=\"225\" srcset=\"/{bCover} 300w, /{Variant("img/big.w600-webp.")} 400w\">",
            Content("blog/b/index.html"), StringComparison.Ordinal); // the 2x is as large as the source: 400 wide
        Assert.DoesNotContain("<img", Content("blog/c/index.html"), StringComparison.Ordinal);

        string list = Content("blog/index.html");
        Assert.Contains($"<img class=\"thumb\" src=\"/{Variant("blog/cat.w100-h100-cover.")}\">A", list, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"thumb\" src=\"/{Variant("img/big.w100-h100-cover.")}\">B", list, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"thumb\" src=\"/{Variant("blog/cat.w100-h100-cover.")}\">A", Content("tags/go/index.html"), StringComparison.Ordinal); // a term's list too
        Assert.Equal(8, Directory.GetFiles(_output, "*.*.*.*", SearchOption.AllDirectories).Count(IsVariant)); // cat and big: 300, 600, 100², 200²
        Assert.Contains(report.Written, path => path == small);

        string phased = Directory.CreateTempSubdirectory("adapt-layout-images-phased-").FullName;
        BuildReport full = new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build();
        Assert.Equal(report.Diagnostics, full.Diagnostics);
        Assert.Equal(report.Outputs, full.Outputs);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void A_site_whose_layouts_do_not_use_the_helper_renders_no_layout_values()
    {
        _site.Write("layouts/_default/single.hbs", "<main>{{{page.content}}}</main>");
        _site.Write("layouts/_default/list.hbs", "<ul>{{#each pages}}<li>{{title}} (the image helper is not used here)</li>{{/each}}</ul>");
        _site.Delete("layouts/term.hbs");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        Assert.True(builder.Build().Succeeded);
        Assert.False(builder.Site.Get(SiteLogic.LayoutsUseImages));
        Assert.DoesNotContain(log.Names, static name => name.Contains(".RenderedOutput[", StringComparison.Ordinal) || name.Contains(".OutputImages[", StringComparison.Ordinal));
        Assert.Equal(2, Directory.GetFiles(_output, "*.*.*.*", SearchOption.AllDirectories).Count(IsVariant)); // the body's image and its 2x
    }

    [Fact]
    public void A_page_edit_encodes_nothing_and_a_cover_change_publishes_and_deletes_exactly_what_changed()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);

        Edit("content/blog/a.md", "First paragraph.", "First paragraph, edited.");
        using (ExecutionLog edit = builder.Runtime.RecordExecutions())
        {
            BuildReport report = builder.Build(refreshAll: true);
            Assert.Empty(Encoded(edit));
            Assert.Contains("Site[site].RenderedOutput[page:content/blog/a.md]", edit.Names);
            Assert.Contains("Site[site].OutputImages[page:content/blog/a.md]", edit.Names);
            Assert.DoesNotContain(edit.Names, static name => name.EndsWith(".LayoutImages", StringComparison.Ordinal) || name.EndsWith(".Outputs", StringComparison.Ordinal));
            Assert.DoesNotContain(edit.Names, static name => name.Contains("RenderedOutput[page:content/blog/b.md]", StringComparison.Ordinal));
            Assert.Equal(["blog/a/index.html", "index.html"], report.Written.Where(static p => p.EndsWith(".html", StringComparison.Ordinal)).ToArray()); // the home shows summaries
            Assert.DoesNotContain(report.Written, IsVariant);
        }

        // b's cover becomes a's: its variants are a's, so nothing is encoded; big.png's go.
        string bCover = Variant("img/big.w300-webp.");
        string bThumb = Variant("img/big.w100-h100-cover.");
        Edit("content/blog/b.md", "cover: /img/big.png", "cover: cat.jpg");
        using (ExecutionLog change = builder.Runtime.RecordExecutions())
        {
            BuildReport report = builder.Build(refreshAll: true);
            Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
            Assert.Empty(Encoded(change));
            Assert.Contains(bCover, report.Deleted);
            Assert.Contains(bThumb, report.Deleted);
            Assert.Equal(4, report.Deleted.Count(IsVariant)); // and the two 2x
            Assert.Contains($"src=\"/{Variant("blog/cat.w300-webp.")}\"", Content("blog/b/index.html"), StringComparison.Ordinal);
        }

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);

        // An edited source re-encodes exactly its variants: the covers' two and the thumbnails' two.
        _site.WriteBytes("content/blog/cat.jpg", ImageTests.Picture(1200, 800, 99, "jpeg"));
        using (ExecutionLog source = builder.Runtime.RecordExecutions())
        {
            BuildReport report = builder.Build(refreshAll: true);
            Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
            Assert.Equal(
                ["Site[site].Output[image:content/blog/cat.jpg?w100-h100-cover]", "Site[site].Output[image:content/blog/cat.jpg?w200-h200-cover]",
                    "Site[site].Output[image:content/blog/cat.jpg?w300-webp]", "Site[site].Output[image:content/blog/cat.jpg?w600-webp]"],
                Encoded(source));
            Assert.Equal(4, report.Deleted.Count(IsVariant));
        }

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
    }

    [Fact]
    public void A_new_process_with_the_trace_encodes_nothing_and_the_phased_cache_agrees()
    {
        string trace = Path.Combine(_site.Root, ".adapt", "trace.db");
        Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
        Assert.Equal(8, BuildInNewProcess(trace).Length);
        Assert.Empty(BuildInNewProcess(trace)); // nothing changed
        Edit("content/blog/a.md", "First paragraph.", "Edited.");
        Assert.Empty(BuildInNewProcess(trace)); // a page edit
        Edit("content/blog/c.md", "title: C\n", "title: C\ncover: /img/big.png\n");
        Assert.Empty(BuildInNewProcess(trace)); // a new cover that b already has
        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);

        // The phased build keeps what each layout asked for in its cache: an incremental build
        // that renders only the edited page still publishes every other page's pictures.
        string phased = Directory.CreateTempSubdirectory("adapt-layout-images-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Incremental).Build().Succeeded);
        Edit("content/blog/c.md", "cover: /img/big.png", "cover: cat.jpg");
        BuildReport incremental = new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Incremental).Build();
        Assert.True(incremental.Succeeded, string.Join("\n", incremental.Diagnostics));
        Assert.DoesNotContain("blog/a/index.html", incremental.RenderedPaths);
        Assert.Empty(BuildInNewProcess(trace));
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void A_missing_cover_is_an_error_in_the_layout_in_both_strategies()
    {
        Edit("content/blog/c.md", "title: C\n", "title: C\ncover: dog.jpg\n");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        SiteDiagnostic error = Assert.Single(report.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error && d.File == "layouts/_default/single.hbs");
        Assert.StartsWith("template error in a helper: image 'dog.jpg' not found (looked for content/blog/dog.jpg)", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_output, "blog/c/index.html")));

        string phased = Directory.CreateTempSubdirectory("adapt-layout-images-phased-").FullName;
        Assert.Equal(report.Diagnostics, new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Diagnostics);
        Directory.Delete(phased, recursive: true);

        // Fixed, the page and its cover are built.
        Edit("content/blog/c.md", "cover: dog.jpg", "cover: cat.jpg");
        Assert.True(builder.Build(refreshAll: true).Succeeded);
        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
    }

    [Fact]
    public void The_helper_without_a_page_s_images_says_how_to_call_it()
    {
        _site.Write("layouts/_default/single.hbs", "{{#with (image page.params.cover width=10)}}{{url}}{{/with}}");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.Contains(report.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error && d.File == "layouts/_default/single.hbs"
            && d.Message.Contains("the image helper takes a page's images first: {{image images \"cat.jpg\" width=800}}", StringComparison.Ordinal));
    }

    private void Edit(string file, string from, string to)
    {
        string text = File.ReadAllText(Path.Combine(_site.Root, file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        _site.Write(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private string[] BuildInNewProcess(string trace) => ImageTests.EncodedInNewProcess(_site.Root, _output, trace);

    private static string[] Encoded(ExecutionLog log) => ImageTests.Encoded(log);

    /// <summary>A variant's file name: source stem, request, 8-digit hash, extension.</summary>
    private static bool IsVariant(string path) => Path.GetFileName(path).Split('.') is { Length: 4 } parts && parts[2].Length == 8;

    private string Variant(string prefix)
    {
        string folder = Path.Combine(_output, Path.GetDirectoryName(prefix)!);
        return Path.GetRelativePath(_output, Assert.Single(Directory.GetFiles(folder, Path.GetFileName(prefix) + "*"))).Replace('\\', '/');
    }

    private string Content(string path) => File.ReadAllText(Path.Combine(_output, path));
}
