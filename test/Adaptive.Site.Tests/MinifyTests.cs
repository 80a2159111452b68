using AngleSharp.Html.Parser;
using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary><c>--minify</c> and <c>minify: true</c>: smaller HTML, CSS and JS with the same
/// text and the same preformatted blocks, byte-identical between strategies, and a switch that
/// rewrites exactly the minified kinds of output.</summary>
public sealed class MinifyTests : IDisposable
{
    private const string Config = "title: Small\nbaseUrl: https://example.org/\n";
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SiteFixture _site = new(
        ("adapt.yaml", Config),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nSome   *spaced*   text,\nand a [link](b.md).\n\n```\nkeep   these\n    spaces\n```\n"),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\n---\nB body."),
        ("assets/js/site.js", "// a comment\nfunction greet(name) {\n    var message = 'hello ' + name;\n    return message;\n}\n"),
        ("static/raw.css", "body {\n  color: red;\n}\n"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-minify-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Minified_html_css_and_js_are_smaller_with_the_same_text_and_preformatted_blocks()
    {
        string plain = Build(minify: false);
        string minified = Build(minify: true);

        string html = File.ReadAllText(Path.Combine(minified, "blog/a/index.html"));
        string original = File.ReadAllText(Path.Combine(plain, "blog/a/index.html"));
        Assert.True(html.Length < original.Length, $"{html.Length} < {original.Length}");
        Assert.DoesNotContain(">\n", html, StringComparison.Ordinal);
        Assert.Contains("keep   these\n    spaces", html, StringComparison.Ordinal); // pre is never collapsed
        Assert.Contains("</body>", html, StringComparison.Ordinal); // the live-reload server inserts before it
        var parser = new HtmlParser();
        Assert.Equal(Letters(parser.ParseDocument(original).Body!.TextContent), Letters(parser.ParseDocument(html).Body!.TextContent)); // no text lost
        Assert.Contains("Some <em>spaced</em> text, and a <a href=/blog/b/>link</a>.", html, StringComparison.Ordinal); // one space kept between inline runs
        Assert.Equal(parser.ParseDocument(original).QuerySelector("pre")!.TextContent, parser.ParseDocument(html).QuerySelector("pre")!.TextContent);

        string css = Assert.Single(Directory.GetFiles(Path.Combine(minified, "css"), "theme.*.css"));
        Assert.True(new FileInfo(css).Length < new FileInfo(Assert.Single(Directory.GetFiles(Path.Combine(plain, "css"), "theme.*.css"))).Length);
        Assert.DoesNotContain("\n", File.ReadAllText(css), StringComparison.Ordinal);
        Assert.NotEqual(Path.GetFileName(css), Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(plain, "css"), "theme.*.css")))); // the URL follows what is served

        string js = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(minified, "js"), "site.*.js")));
        Assert.DoesNotContain("a comment", js, StringComparison.Ordinal);
        Assert.Contains("function greet(", js, StringComparison.Ordinal);
        Assert.Equal("body {\n  color: red;\n}\n", File.ReadAllText(Path.Combine(minified, "raw.css"))); // static files are copied as they are
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "index.xml")), File.ReadAllText(Path.Combine(minified, "index.xml")));
    }

    [Fact]
    public void An_asset_that_is_not_utf8_is_served_as_it_is()
    {
        byte[] latin1 = [.. "p::before { content: \"caf"u8, 0xE9, .. "\"; }\n"u8];
        _site.WriteBytes("assets/css/vendor.css", latin1);
        string minified = Build(minify: true);
        Assert.Equal(latin1, File.ReadAllBytes(Assert.Single(Directory.GetFiles(Path.Combine(minified, "css"), "vendor.*.css"))));
    }

    [Fact]
    public void Minified_output_is_byte_identical_between_strategies()
    {
        string adaptive = Build(minify: true);
        string phased = Directory.CreateTempSubdirectory("adapt-minify-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options with { Minify = true }, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, adaptive);

        string fromConfig = Directory.CreateTempSubdirectory("adapt-minify-config-").FullName;
        _site.Write("adapt.yaml", Config + "minify: true\n");
        Assert.True(new PhasedBuilder(_site.Root, fromConfig, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(fromConfig, adaptive);
    }

    [Fact]
    public void Switching_minify_in_the_config_rewrites_the_minified_outputs_and_equals_a_cold_build()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);

        _site.Write("adapt.yaml", Config + "minify: true\n");
        BuildReport on = builder.Build(refreshAll: true);
        Assert.True(on.Succeeded, string.Join("\n", on.Diagnostics));
        Assert.All(on.Written, path => Assert.True(path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith(".css", StringComparison.Ordinal) || path.EndsWith(".js", StringComparison.Ordinal), path));
        Assert.Contains("blog/a/index.html", on.Written);
        Assert.DoesNotContain("raw.css", on.Written);
        Assert.Equal(["css/theme.css", "js/search.js", "js/site.js"], Unfingerprinted(on.Deleted)); // the assets under their old fingerprints
        AssertEqualsColdBuild();

        _site.Write("adapt.yaml", Config);
        BuildReport off = builder.Build(refreshAll: true);
        Assert.Equal(Unfingerprinted(on.Written), Unfingerprinted(off.Written));
        Assert.Equal(["css/theme.css", "js/search.js", "js/site.js"], Unfingerprinted(off.Deleted));
        AssertEqualsColdBuild();
    }

    // White space between blocks goes (the page looks the same); every other character stays.
    private static string Letters(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string[] Unfingerprinted(IEnumerable<string> paths) =>
        [.. paths.Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\.[0-9a-f]{8}\.", ".")).Order(StringComparer.Ordinal)];

    private string Build(bool minify)
    {
        string output = Directory.CreateTempSubdirectory("adapt-minify-build-").FullName;
        using var builder = new SiteBuilder(_site.Root, output, s_options with { Minify = minify });
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        return output;
    }

    private void AssertEqualsColdBuild() => BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
}
