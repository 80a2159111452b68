namespace Adaptive.Site.Tests;

public sealed class PermalinkTests
{
    private static readonly SiteConfig s_config = new();

    [Theory]
    [InlineData("content/blog/post.md", "/blog/post/")]
    [InlineData("content/blog/_index.md", "/blog/")]
    [InlineData("content/_index.md", "/")]
    [InlineData("content/about.md", "/about/")]
    [InlineData("content/docs/guide/install.md", "/docs/guide/install/")]
    [InlineData("content/blog/v1.2.md", "/blog/v1.2/")]
    public void Pretty_urls_follow_the_source_path(string source, string url) =>
        Assert.Equal(url, Permalinks.For(source, new FrontMatter(), s_config));

    [Fact]
    public void Slug_url_and_patterns_override_the_path()
    {
        Assert.Equal("/blog/hello-there/", Permalinks.For("content/blog/post.md", new FrontMatter { Slug = "Hello There" }, s_config));
        Assert.Equal("/elsewhere/", Permalinks.For("content/blog/post.md", new FrontMatter { Url = "elsewhere" }, s_config));
        Assert.Equal("/feed.xml", Permalinks.For("content/blog/post.md", new FrontMatter { Url = "/feed.xml" }, s_config));
        SiteConfig dated = SiteConfigParser.Parse("permalinks: { blog: \"/:year/:month/:slug/\" }");
        var meta = new FrontMatter { Date = new DateTimeOffset(2024, 3, 9, 0, 0, 0, TimeSpan.Zero) };
        Assert.Equal("/2024/03/post/", Permalinks.For("content/blog/post.md", meta, dated));
        Assert.Equal("/docs/a/", Permalinks.For("content/docs/a.md", meta, dated));
    }

    [Theory]
    [InlineData("/blog/post/", "blog/post/index.html")]
    [InlineData("/", "index.html")]
    [InlineData("/feed.xml", "feed.xml")]
    public void Urls_map_to_output_files(string url, string file) => Assert.Equal(file, OutputPath.ForUrl(url, "x.md"));

    [Theory]
    [InlineData("/../../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("C:/Windows/x")]
    [InlineData("//server/share")]
    [InlineData("/a\\..\\b")]
    public void Urls_that_escape_the_output_folder_are_errors_naming_the_file(string url)
    {
        SiteException error = Assert.Throws<SiteException>(() => Permalinks.For("content/blog/post.md", new FrontMatter { Url = url }, s_config));
        Assert.Equal("content/blog/post.md", error.Diagnostic.File);
        Assert.Contains("outside the output folder", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/blog//post/", null)]
    [InlineData("a//b", null)]
    [InlineData(null, "/:section//:slug/")]
    public void Urls_with_an_empty_segment_are_errors_naming_the_file(string? url, string? pattern)
    {
        SiteConfig config = pattern is null ? s_config : SiteConfigParser.Parse($"permalinks: {{ blog: \"{pattern}\" }}");
        SiteException error = Assert.Throws<SiteException>(() => Permalinks.For("content/blog/post.md", new FrontMatter { Url = url }, config));
        Assert.Equal("content/blog/post.md", error.Diagnostic.File);
        Assert.Contains("has an empty segment ('//')", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a\nb/", 0x0A)]
    [InlineData("---\n/", 0x0A)]
    [InlineData("/a\tb/", 0x09)]
    [InlineData("/a\0b/", 0x00)]
    [InlineData("/x\u0085/", 0x85)]
    public void Urls_with_control_characters_are_errors_naming_the_file(string url, int control)
    {
        foreach (Func<string> attempt in (Func<string>[])[
            () => Permalinks.For("content/blog/post.md", new FrontMatter { Url = url }, s_config),
            () => OutputPath.NormalizeUrl(url, "content/blog/post.md"), // an alias
            () => OutputPath.ForUrl(url, "content/blog/post.md")])
        {
            SiteException error = Assert.Throws<SiteException>(attempt);
            Assert.Equal("content/blog/post.md", error.Diagnostic.File);
            Assert.Contains($"holds a control character (U+{control:X4})", error.Diagnostic.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(error.Diagnostic.Message, char.IsControl); // the diagnostic stays one line
        }
    }

    [Theory]
    [InlineData("Go", "go")]
    [InlineData("C# & .NET", "c-net")]
    [InlineData("  Hello   World  ", "hello-world")]
    [InlineData("Größe", "größe")]
    [InlineData("!!!", "-")]
    public void Slugs_are_lower_case_words_joined_by_dashes(string text, string slug) => Assert.Equal(slug, Slug.Of(text));
}
