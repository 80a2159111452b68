using System.Text.Json;
using Adaptive.Site;

namespace Adaptive.Cli.Tests;

/// <summary>The real <c>adapt</c> process, end to end: new → build → edit → build, exit codes,
/// diagnostics, explain, clean, trace, theme.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("adapt-cli-").FullName;

    public CliTests()
    {
        Site = Path.Combine(_work, "site");
        Assert.Equal(0, AdaptProcess.Run(_work, "new", "site", "site").Exit);
    }

    private string Site { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_second_build_after_a_body_edit_executes_only_that_pages_memos()
    {
        JsonElement cold = AdaptProcess.Json(Site, "build");
        Assert.True(cold.GetProperty("succeeded").GetBoolean(), cold.ToString());
        Assert.Equal(0, cold.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, cold.GetProperty("warnings").GetArrayLength());
        Assert.Equal(cold.GetProperty("outputs").GetInt32(), cold.GetProperty("filesWritten").GetInt32());
        Assert.True(File.Exists(Path.Combine(Site, "public/blog/hello-world/index.html")));

        // Nothing changed: the sealed output is replayed, without the trace.
        JsonElement again = AdaptProcess.Json(Site, "build");
        Assert.Equal(0, again.GetProperty("filesWritten").GetInt32());
        Assert.Equal(0, again.GetProperty("pagesRendered").GetInt32());
        Assert.Equal((0, 0), (again.GetProperty("memosExecuted").GetInt32(), again.GetProperty("memosReused").GetInt32()));
        Assert.Equal("seal", Assert.Single(again.GetProperty("phases").EnumerateArray()).GetProperty("name").GetString());

        File.AppendAllText(Path.Combine(Site, "content/blog/second-post.md"), "\nA new closing paragraph.\n");
        JsonElement edited = AdaptProcess.Json(Site, "build");
        Assert.Equal(["blog/second-post/index.html"], edited.GetProperty("written").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, edited.GetProperty("pagesRendered").GetInt32());
        Assert.True(edited.GetProperty("memosReused").GetInt32() > 0, edited.ToString()); // the trace, this time
        Assert.Equal(9, edited.GetProperty("memosExecuted").GetInt32()); // of that page only: its front matter, body, rendered Markdown, summary, reading time, text shape, image variants (it shows pictures), output, links (the clock is SOURCE_DATE_EPOCH: no date is checked again)
        Assert.Contains("A new closing paragraph.", File.ReadAllText(Path.Combine(Site, "public/blog/second-post/index.html")), StringComparison.Ordinal);

        (int exit, string explained, _) = AdaptProcess.Run(Site, "explain", "public/blog/second-post/index.html");
        Assert.Equal(0, exit);
        Assert.Contains("file:content/blog/second-post.md — changed", explained, StringComparison.Ordinal);
        Assert.Contains("Site[site].Output[page:content/blog/second-post.md]", explained, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phased")]
    [InlineData("phased-incremental")]
    public void Phased_modes_write_the_same_files_as_the_adaptive_mode(string mode)
    {
        Assert.True(AdaptProcess.Json(Site, "build").GetProperty("succeeded").GetBoolean());
        JsonElement phased = AdaptProcess.Json(Site, "build", "--mode", mode, "-o", Path.Combine(_work, mode));
        Assert.Equal(mode, phased.GetProperty("mode").GetString());
        Assert.Equal(0, phased.GetProperty("errors").GetArrayLength());
        Assert.Equal(OutputTree.Text(Path.Combine(Site, "public")), OutputTree.Text(Path.Combine(_work, mode)));
    }

    [Fact]
    public void Bad_input_exits_with_1_and_located_diagnostics_and_no_stack_trace()
    {
        File.WriteAllText(Path.Combine(Site, "content/blog/broken.md"), "---\ntitle: Broken\ndate: someday\n---\nBody.");
        (int exit, string output, string error) = AdaptProcess.Run(Site, "build");
        Assert.Equal(1, exit);
        Assert.Contains("content/blog/broken.md:3:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains("Built with errors", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Site, "public/blog/hello-world/index.html")), "the other pages still build");

        JsonElement json = AdaptProcess.Json(Site, "build");
        JsonElement diagnostic = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("content/blog/broken.md", diagnostic.GetProperty("file").GetString());
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "build", "--frobnicate" }, "unknown option '--frobnicate'", "adapt build --help")]
    [InlineData(new[] { "bulid" }, "unknown verb 'bulid'", "adapt --help")]
    [InlineData(new[] { "build", "-s", "no-such-folder" }, "there is no folder 'no-such-folder'", "adapt new site")]
    [InlineData(new[] { "build", "--mode", "fast" }, "unknown --mode 'fast'", "adaptive, phased or phased-incremental")]
    [InlineData(new[] { "build", "-o", "." }, "contains the site's sources", "--output")]
    [InlineData(new[] { "new", "thing", "x" }, "unknown kind 'thing'", "adapt new site")]
    public void Usage_errors_exit_with_2_and_a_hint(string[] args, string message, string hint)
    {
        (int exit, string output, string error) = AdaptProcess.Run(Site, args);
        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("build", "--source")]
    [InlineData("watch", "--serve")]
    [InlineData("new", "kind")]
    [InlineData("explain", "file")]
    [InlineData("trace", "--format")]
    [InlineData("clean", "--output")]
    [InlineData("theme", "eject")]
    public void Every_verb_has_help(string verb, string expected)
    {
        (int exit, string output, _) = AdaptProcess.Run(Site, verb, "--help");
        Assert.Equal(0, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_removes_what_builds_wrote_and_the_trace_but_nothing_else()
    {
        AdaptProcess.Json(Site, "build");
        File.WriteAllText(Path.Combine(Site, "public/keep-me.txt"), "not written by adapt");
        (int exit, _, _) = AdaptProcess.Run(Site, "clean");
        Assert.Equal(0, exit);
        Assert.False(Directory.Exists(Path.Combine(Site, ".adapt")));
        Assert.Equal(["keep-me.txt"], Directory.GetFileSystemEntries(Path.Combine(Site, "public")).Select(Path.GetFileName));
    }

    [Fact]
    public void Trace_stats_dump_and_gc_describe_the_persisted_trace()
    {
        AdaptProcess.Json(Site, "build");
        JsonElement stats = AdaptProcess.Json(Site, "trace", "stats");
        Assert.True(stats.GetProperty("memos").GetInt32() > 50);
        Assert.True(stats.GetProperty("bytesOnDisk").GetInt64() > 0);

        (int exit, string dot, _) = AdaptProcess.Run(Site, "trace", "dump", "--format", "dot");
        Assert.Equal(0, exit);
        Assert.StartsWith("digraph trace {", dot, StringComparison.Ordinal);
        Assert.Contains("\"file:content/blog/hello-world.md\" -> \"Site[site].BodySource[content/blog/hello-world.md]\"", dot, StringComparison.Ordinal);

        JsonElement gc = AdaptProcess.Json(Site, "trace", "gc");
        Assert.True(gc.GetProperty("kept").GetInt32() > 50);
        JsonElement after = AdaptProcess.Json(Site, "build");
        Assert.Equal(0, after.GetProperty("filesWritten").GetInt32()); // what gc kept is enough
    }

    [Fact]
    public void New_page_and_theme_eject_produce_a_site_that_still_builds_the_same()
    {
        AdaptProcess.Json(Site, "build");
        string before = OutputTree.Text(Path.Combine(Site, "public"));
        Assert.Equal(0, AdaptProcess.Run(Site, "theme", "eject").Exit);
        Assert.True(File.Exists(Path.Combine(Site, "layouts/_default/baseof.hbs")));
        JsonElement ejected = AdaptProcess.Json(Site, "build");
        Assert.Equal(0, ejected.GetProperty("filesWritten").GetInt32()); // the same layouts, now the site's own
        Assert.Equal(before, OutputTree.Text(Path.Combine(Site, "public")));

        Assert.Equal(0, AdaptProcess.Run(Site, "new", "page", "blog/third-post.md", "--title", "Third: the post").Exit);
        JsonElement added = AdaptProcess.Json(Site, "build");
        Assert.Contains("blog/third-post/index.html", added.GetProperty("written").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("<h1>Third: the post</h1>", File.ReadAllText(Path.Combine(Site, "public/blog/third-post/index.html")), StringComparison.Ordinal);
        Assert.Equal(2, AdaptProcess.Run(Site, "new", "page", "blog/third-post.md").Exit); // exists already
    }

    [Theory]
    [InlineData("adaptive")]
    [InlineData("phased")]
    public void Build_minify_writes_minified_html_and_css_in_either_mode(string mode)
    {
        JsonElement built = AdaptProcess.Json(Site, "build", "--minify", "--no-trace", "--mode", mode, "-o", "min");
        Assert.True(built.GetProperty("succeeded").GetBoolean(), built.ToString());
        string html = File.ReadAllText(Path.Combine(Site, "min/blog/hello-world/index.html"));
        Assert.StartsWith("<!doctype html><html lang=en><head>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">\n", html, StringComparison.Ordinal);
        string css = Assert.Single(Directory.GetFiles(Path.Combine(Site, "min/css"), "theme.*.css"));
        Assert.DoesNotContain("\n", File.ReadAllText(css), StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_minify_on_the_command_line_rebuilds_the_same_folder()
    {
        string page = Path.Combine(Site, "public/blog/hello-world/index.html");
        Assert.True(AdaptProcess.Json(Site, "build").GetProperty("succeeded").GetBoolean());
        Assert.Contains(">\n", File.ReadAllText(page), StringComparison.Ordinal);

        JsonElement minified = AdaptProcess.Json(Site, "build", "--minify"); // not replayed from the seal of a build without it
        Assert.True(minified.GetProperty("filesWritten").GetInt32() > 0, minified.ToString());
        Assert.DoesNotContain(">\n", File.ReadAllText(page), StringComparison.Ordinal);

        JsonElement again = AdaptProcess.Json(Site, "build", "--minify");
        Assert.Equal(0, again.GetProperty("filesWritten").GetInt32());
        Assert.Equal("seal", Assert.Single(again.GetProperty("phases").EnumerateArray()).GetProperty("name").GetString());

        Assert.True(AdaptProcess.Json(Site, "build").GetProperty("filesWritten").GetInt32() > 0);
        Assert.Contains(">\n", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void The_blog_starter_shows_a_processed_image_shortcodes_and_code_and_a_bad_shortcode_is_exit_1()
    {
        JsonElement built = AdaptProcess.Json(Site, "build");
        Assert.True(built.GetProperty("succeeded").GetBoolean(), built.ToString());
        Assert.Equal((0, 0), (built.GetProperty("errors").GetArrayLength(), built.GetProperty("warnings").GetArrayLength()));
        string post = File.ReadAllText(Path.Combine(Site, "public/blog/second-post/index.html"));
        Assert.Matches("<figure class=\"figure\"><img src=\"/blog/sunrise\\.w480-webp\\.[0-9a-f]{8}\\.webp\" alt=\"[^\"]+\" width=\"480\" height=\"270\" srcset=\"\\S+ 480w, \\S+ 960w\"", post);
        Assert.Contains("<aside class=\"callout callout-note\" role=\"note\">", post, StringComparison.Ordinal);
        Assert.Contains("<div class=\"link-card\"><a href=\"/docs/getting-started/\">", post, StringComparison.Ordinal);
        Assert.Contains("<span class=\"hl-comment\">", post, StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(Site, "public/blog"), "sunrise.*").Count(f => Path.GetFileName(f).Split('.').Length == 4)); // two sizes of the figure, two of the thumbnail

        // A new process after a prose edit of the post encodes no image and writes none.
        string source = Path.Combine(Site, "content/blog/second-post.md");
        File.WriteAllText(source, File.ReadAllText(source).Replace("Code is highlighted", "Code is colored", StringComparison.Ordinal));
        JsonElement edited = AdaptProcess.Json(Site, "build");
        Assert.Equal(["blog/second-post/index.html"], edited.GetProperty("written").EnumerateArray().Select(e => e.GetString()));

        File.AppendAllText(source, "\n{{< nosuch >}}\n");
        int line = File.ReadAllLines(source).Length;
        (int exit, _, string error) = AdaptProcess.Run(Site, "build");
        Assert.Equal(1, exit);
        Assert.Contains($"content/blog/second-post.md:{line}:1: error: unknown shortcode 'nosuch': create layouts/shortcodes/nosuch.hbs or use one of card, figure, note, warning", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_shows_a_cover_variant_and_a_missing_cover_is_exit_1_at_the_layout()
    {
        Directory.CreateDirectory(Path.Combine(Site, "layouts/blog"));
        File.WriteAllText(Path.Combine(Site, "layouts/blog/single.hbs"),
            "<article>{{#if page.params.cover}}{{#with (image images page.params.cover width=320)}}<img class=\"cover\" src=\"{{url}}\" width=\"{{width}}\" height=\"{{height}}\">{{/with}}{{/if}}{{{page.content}}}</article>");
        string source = Path.Combine(Site, "content/blog/second-post.md");
        File.WriteAllText(source, File.ReadAllText(source).Replace("title: A second post\n", "title: A second post\ncover: sunrise.jpg\n", StringComparison.Ordinal));
        JsonElement built = AdaptProcess.Json(Site, "build");
        Assert.True(built.GetProperty("succeeded").GetBoolean(), built.ToString());
        string post = File.ReadAllText(Path.Combine(Site, "public/blog/second-post/index.html"));
        string cover = Assert.Single(Directory.GetFiles(Path.Combine(Site, "public/blog"), "sunrise.w320.*.jpg"));
        Assert.Contains($"<img class=\"cover\" src=\"/blog/{Path.GetFileName(cover)}\" width=\"320\" height=\"180\">", post, StringComparison.Ordinal);

        File.WriteAllText(source, File.ReadAllText(source).Replace("cover: sunrise.jpg", "cover: nope.jpg", StringComparison.Ordinal));
        (int exit, _, string error) = AdaptProcess.Run(Site, "build");
        Assert.Equal(1, exit);
        Assert.Contains("layouts/blog/single.hbs: error: template error in a helper: image 'nope.jpg' not found (looked for content/blog/nope.jpg)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(cover)); // no page asks for it any more
    }

    [Fact]
    public void New_site_theme_docs_builds_without_warnings_with_code_every_front_matter_format_callouts_and_search()
    {
        Assert.Equal(0, AdaptProcess.Run(_work, "new", "site", "docs-site", "--theme", "docs").Exit);
        string docs = Path.Combine(_work, "docs-site");
        JsonElement built = AdaptProcess.Json(docs, "build");
        Assert.True(built.GetProperty("succeeded").GetBoolean(), built.ToString());
        Assert.Equal((0, 0), (built.GetProperty("errors").GetArrayLength(), built.GetProperty("warnings").GetArrayLength()));
        Assert.StartsWith("+++", File.ReadAllText(Path.Combine(docs, "content/docs/configure.md")), StringComparison.Ordinal);
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(docs, "content/docs/api.md")), StringComparison.Ordinal);
        Assert.Contains("<span class=\"hl-tag\">", File.ReadAllText(Path.Combine(docs, "public/docs/configure/index.html")), StringComparison.Ordinal);
        Assert.Contains("<span class=\"hl-keyword\">", File.ReadAllText(Path.Combine(docs, "public/docs/api/index.html")), StringComparison.Ordinal);
        Assert.Contains("\"title\":\"API\"", File.ReadAllText(Path.Combine(docs, "public/search.json")), StringComparison.Ordinal);
        Assert.Contains("id=\"site-search-input\"", File.ReadAllText(Path.Combine(docs, "public/index.html")), StringComparison.Ordinal);
        string install = File.ReadAllText(Path.Combine(docs, "public/docs/install/index.html"));
        Assert.Contains("<aside class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Requirements</p>", install, StringComparison.Ordinal);
        Assert.Contains("<aside class=\"callout callout-warning\" role=\"note\">", install, StringComparison.Ordinal);
        Assert.Contains("<div class=\"link-card\"><a href=\"/docs/api/\">", install, StringComparison.Ordinal);

        (int exit, _, string error) = AdaptProcess.Run(_work, "new", "site", "other", "--theme", "wiki");
        Assert.Equal(2, exit);
        Assert.Equal("adapt: --theme 'wiki' is not a starter: use blog or docs\n", error);
        Assert.False(Directory.Exists(Path.Combine(_work, "other")));
    }
}
