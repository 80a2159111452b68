using Adaptive.Site.Phased;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Adaptive.Site.Tests;

/// <summary>Processed images: Markdown image options and the figure shortcode publish resized,
/// converted, fingerprinted variants with their size and a srcset; bad options are located
/// errors; a variant is encoded once (a page edit or a new process encodes nothing) and an
/// edited source re-encodes exactly its variants.</summary>
public sealed class ImageTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Pictures\nbaseUrl: https://example.org/\n"),
        ("content/blog/a.md", "---\ntitle: A\n---\nFirst paragraph.\n\n![A cat](cat.jpg?width=400&format=webp)\n\n![Square](cat.jpg?width=100&height=100&fit=cover&quality=60)\n"),
        ("content/blog/b.md", "---\ntitle: B\n---\nFirst paragraph.\n\n{{< figure src=\"/img/big.png\" alt=\"Big\" caption=\"A big one\" width=\"300\" >}}\n\n"
            + "{{< figure src=\"/img/big.png\" alt=\"As it is\" >}}\n\n![Plain](/img/big.png) and ![remote](https://example.com/x.png?width=10)\n"),
        ("content/blog/c.md", "---\ntitle: C\n---\nFirst paragraph.\n\n![Same as a](cat.jpg?width=400&format=webp)\n"),
        ("content/blog/d.md", "---\ntitle: D\n---\nNo images.\n"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-images-").FullName;

    public ImageTests()
    {
        _site.WriteBytes("content/blog/cat.jpg", Picture(1200, 800, 10, "jpeg"));
        _site.WriteBytes("static/img/big.png", Picture(800, 600, 200, "png"));
    }

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    /// <summary>A gradient picture, different for each <paramref name="tone"/>.</summary>
    internal static byte[] Picture(int width, int height, byte tone, string format)
    {
        using var image = new Image<Rgba32>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), tone);
            }
        }

        using var stream = new MemoryStream();
        if (format == "png")
        {
            image.SaveAsPng(stream);
        }
        else
        {
            image.SaveAsJpeg(stream);
        }

        return stream.ToArray();
    }

    [Fact]
    public void Variants_are_published_resized_and_converted_with_their_size_and_a_srcset()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));

        string a = Content("blog/a/index.html");
        string small = Variant("blog/cat.w400-webp.", ".webp");
        string large = Variant("blog/cat.w800-webp.", ".webp");
        Assert.Contains($"<img src=\"/{small}\" width=\"400\" height=\"267\" srcset=\"/{small} 400w, /{large} 800w\" sizes=\"(max-width: 400px) 100vw, 400px\" loading=\"lazy\" alt=\"A cat\" />",
            a, StringComparison.Ordinal);
        AssertImage(small, 400, 267, "WEBP");
        AssertImage(large, 800, 533, "WEBP");
        string square = Variant("blog/cat.w100-h100-cover-q60.", ".jpg");
        Assert.Contains($"<img src=\"/{square}\" width=\"100\" height=\"100\"", a, StringComparison.Ordinal);
        AssertImage(square, 100, 100, "JPEG");

        string b = Content("blog/b/index.html");
        string figure = Variant("img/big.w300.", ".png");
        Assert.Contains($"<figure class=\"figure\"><img src=\"/{figure}\" alt=\"Big\" width=\"300\" height=\"225\" srcset=\"/{figure} 300w, /{Variant("img/big.w600.", ".png")} 600w\"",
            b, StringComparison.Ordinal);
        Assert.Contains("<figcaption>A big one</figcaption>", b, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/img/big.png\" alt=\"As it is\" width=\"800\" height=\"600\" loading=\"lazy\">", b, StringComparison.Ordinal); // no options: the file, with its size
        Assert.Contains("<img src=\"/img/big.png\" alt=\"Plain\" />", b, StringComparison.Ordinal); // plain Markdown: as written
        Assert.Contains("<img src=\"https://example.com/x.png?width=10\" alt=\"remote\" />", b, StringComparison.Ordinal); // not the site's: as written

        // c uses a's variant: one output. Two files of 600 wide exist: the figure's 2x and none else.
        Assert.Contains($"<img src=\"/{small}\"", Content("blog/c/index.html"), StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(_output, "*.*", SearchOption.AllDirectories).Count(f => Path.GetFileName(f).Split('.').Length == 4));

        string phased = Directory.CreateTempSubdirectory("adapt-images-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Theory]
    [InlineData("![x](cat.jpg?width=wide)", 4, 1, "image width 'wide' is not a whole number from 1 to 10000. Fix the image's options")]
    [InlineData("Text ![x](cat.jpg?width=10&fit=zoom)", 4, 6, "image fit 'zoom' is not one of contain, cover, stretch, pad")]
    [InlineData("![x](cat.jpg?format=gif)", 4, 1, "image format 'gif' is not one of webp, jpeg, png")]
    [InlineData("![x](cat.jpg?width=10&fit=cover)", 4, 1, "image fit 'cover' needs both a width and a height")]
    [InlineData("![x](cat.jpg?width=10&zoom=2)", 4, 1, "unknown image option 'zoom': use width, height, fit, format, quality")]
    [InlineData("![x](dog.jpg?width=10)", 4, 1, "image 'dog.jpg' not found (looked for content/blog/dog.jpg): fix the path or add the file")]
    [InlineData("![x](notes.jpg?width=10)", 4, 1, "image 'notes.jpg' (content/blog/notes.jpg) is not an image this site can read")]
    [InlineData("Text.\n\n{{< figure src=\"dog.jpg\" width=\"10\" >}}", 6, 1, "shortcode 'figure' ((default theme) layouts/shortcodes/figure.hbs): template error in a helper: image 'dog.jpg' not found")]
    [InlineData("Text.\n\n{{< figure src=\"cat.jpg\" quality=\"0\" >}}", 6, 1, "shortcode 'figure' ((default theme) layouts/shortcodes/figure.hbs): template error in a helper: image quality '0' is not a whole number from 1 to 100")]
    public void Bad_options_are_an_error_at_the_image_in_both_strategies(string body, int line, int column, string message)
    {
        _site.Write("content/blog/notes.jpg", "not a picture");
        _site.Write("content/blog/e.md", "---\ntitle: E\n---\n" + body + "\n");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        SiteDiagnostic error = Assert.Single(report.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("content/blog/e.md", line, column), (error.File, error.Line, error.Column));
        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), error.Message);

        string phased = Directory.CreateTempSubdirectory("adapt-images-phased-").FullName;
        Assert.Equal(report.Diagnostics, new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Diagnostics);
        Directory.Delete(phased, recursive: true);
    }

    [Fact]
    public void An_image_under_assets_is_published_only_as_the_variants_pages_ask_for()
    {
        _site.WriteBytes("assets/img/logo.png", Picture(300, 100, 50, "png"));
        _site.Write("content/blog/e.md", "---\ntitle: E\n---\nLogo: ![Logo](/img/logo.png?width=150)\n\n{{< figure src=\"/img/logo.png\" alt=\"As it is\" >}}\n");
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        string[] published = [.. Directory.GetFiles(Path.Combine(_output, "img"), "logo*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(3, published.Length); // 150 wide, its 2x (300), and the copy the figure without options shows; not logo.png
        Assert.DoesNotContain("logo.png", published);
        string e = Content("blog/e/index.html");
        Assert.Contains($"src=\"/img/{Assert.Single(published, static f => f.StartsWith("logo.w150.", StringComparison.Ordinal))}\" width=\"150\" height=\"50\"", e, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/img/{Assert.Single(published, static f => f.StartsWith("logo.copy.", StringComparison.Ordinal))}\" alt=\"As it is\" width=\"300\" height=\"100\"", e, StringComparison.Ordinal);
        string phased = Directory.CreateTempSubdirectory("adapt-images-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void A_page_edit_encodes_nothing_and_a_source_edit_re_encodes_exactly_its_variants()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        using (Adaptive.Core.ExecutionLog cold = builder.Runtime.RecordExecutions())
        {
            Assert.True(builder.Build().Succeeded);
            Assert.Equal(6, Encoded(cold).Length); // cat: 400 and 800 wide, the square and its 2x; big: 300 and 600 wide
        }

        _site.Write("content/blog/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/blog/a.md")).Replace("First paragraph.", "First paragraph, edited.", StringComparison.Ordinal));
        using (Adaptive.Core.ExecutionLog edit = builder.Runtime.RecordExecutions())
        {
            BuildReport report = builder.Build(refreshAll: true);
            Assert.Empty(Encoded(edit));
            Assert.DoesNotContain(edit.Names, name => name.Contains(".ImageInfo[", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Written, path => !path.EndsWith(".html", StringComparison.Ordinal) && !path.EndsWith(".xml", StringComparison.Ordinal) && path != "search.json");
        }

        string oldSmall = Variant("blog/cat.w400-webp.", ".webp");
        _site.WriteBytes("content/blog/cat.jpg", Picture(1200, 800, 90, "jpeg"));
        using (Adaptive.Core.ExecutionLog source = builder.Runtime.RecordExecutions())
        {
            BuildReport report = builder.Build(refreshAll: true);
            Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
            Assert.Equal(
                ["Site[site].Output[image:content/blog/cat.jpg?w100-h100-cover-q60]", "Site[site].Output[image:content/blog/cat.jpg?w200-h200-cover-q60]",
                    "Site[site].Output[image:content/blog/cat.jpg?w400-webp]", "Site[site].Output[image:content/blog/cat.jpg?w800-webp]"],
                Encoded(source));
            Assert.Contains(oldSmall, report.Deleted); // its name held the old source's hash
            Assert.Contains("blog/a/index.html", report.Written);
            Assert.Contains("blog/c/index.html", report.Written);
            Assert.DoesNotContain("blog/b/index.html", report.Written);
        }

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
    }

    [Fact]
    public void A_new_process_with_the_trace_encodes_nothing()
    {
        string trace = Path.Combine(_site.Root, ".adapt", "trace.db");
        Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
        Assert.Equal(6, BuildInNewProcess(trace).Length);
        Assert.Empty(BuildInNewProcess(trace)); // nothing changed

        _site.Write("content/blog/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/blog/a.md")).Replace("First paragraph.", "Edited.", StringComparison.Ordinal));
        Assert.Empty(BuildInNewProcess(trace)); // a page edit
        _site.WriteBytes("static/img/big.png", Picture(800, 600, 7, "png"));
        Assert.Equal(["Site[site].Output[image:static/img/big.png?w300]", "Site[site].Output[image:static/img/big.png?w600]"], BuildInNewProcess(trace));
        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
    }

    private string[] BuildInNewProcess(string trace) => EncodedInNewProcess(_site.Root, _output, trace);

    /// <summary>Builds the site in a new process on <paramref name="trace"/> (which must
    /// succeed); returns the image variants it encoded.</summary>
    internal static string[] EncodedInNewProcess(string root, string output, string trace)
    {
        using Adaptive.Core.LiteDbTraceStore store = Adaptive.Core.LiteDbTraceStore.Open(trace);
        using var builder = new SiteBuilder(root, output, s_options, store);
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        return Encoded(log);
    }

    /// <summary>The image variants encoded (their outputs executed), sorted.</summary>
    internal static string[] Encoded(Adaptive.Core.ExecutionLog log) =>
        [.. log.Names.Where(static name => name.Contains(".Output[image:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private string Variant(string prefix, string extension)
    {
        string folder = Path.Combine(_output, Path.GetDirectoryName(prefix)!);
        return Path.GetRelativePath(_output, Assert.Single(Directory.GetFiles(folder, Path.GetFileName(prefix) + "*" + extension))).Replace('\\', '/');
    }

    private void AssertImage(string path, int width, int height, string format)
    {
        IImageInfo info = Image.Identify(File.ReadAllBytes(Path.Combine(_output, path)), out SixLabors.ImageSharp.Formats.IImageFormat? detected);
        Assert.Equal((width, height, format), (info.Width, info.Height, detected!.Name.ToUpperInvariant()));
    }

    private string Content(string path) => File.ReadAllText(Path.Combine(_output, path));
}
