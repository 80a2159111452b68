namespace Adaptive.Site.Tests;

public sealed class FrontMatterTests
{
    private static readonly string[] s_taxonomies = ["tags", "categories"];

    [Fact]
    public void Reads_every_field_and_keeps_unknown_keys_as_params()
    {
        FrontMatterParser.Result page = FrontMatterParser.Parse("content/blog/post.md", """
            ---
            title: Hello "world"
            date: 2024-05-31
            lastmod: 2024-06-01T10:00:00+02:00
            draft: yes
            weight: -3
            slug: hello
            url: /custom/hello/
            aliases: [/old/hello/, /older/]
            description: A post
            summary: Short
            layout: wide
            tags: [go, web]
            categories: notes
            menu: { main: { name: Hello, weight: 2, parent: Blog } }
            params: { cover: a.png }
            mood: happy
            ---
            Body **text**.
            """, s_taxonomies);

        FrontMatter meta = page.Meta;
        Assert.Equal("Hello \"world\"", meta.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 0, 0, 0, TimeSpan.Zero), meta.Date);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), meta.LastMod);
        Assert.True(meta.Draft);
        Assert.Equal(-3, meta.Weight);
        Assert.Equal(("hello", "/custom/hello/"), (meta.Slug, meta.Url));
        Assert.Equal(["/old/hello/", "/older/"], meta.Aliases);
        Assert.Equal(("A post", "Short", "wide"), (meta.Description, meta.Summary, meta.Layout));
        Assert.Equal(["go", "web"], meta.Terms("tags"));
        Assert.Equal(["notes"], meta.Terms("categories"));
        Assert.Equal([new MenuEntry("main", "Hello", 2, "Blog")], meta.Menus);
        Assert.Equal("a.png", meta.Params["cover"]);
        Assert.Equal("happy", meta.Params["mood"]);
        Assert.Equal("Body **text**.", page.Body);
        Assert.Equal(19, page.BodyLine);
    }

    [Fact]
    public void Equal_front_matter_compares_equal_for_cutoff()
    {
        const string Text = "---\ntitle: T\ntags: [a, b]\nparams: { x: [1, 2] }\n---\nbody";
        FrontMatter first = FrontMatterParser.Parse("a.md", Text, s_taxonomies).Meta;
        FrontMatter second = FrontMatterParser.Parse("a.md", Text.Replace("body", "other body", StringComparison.Ordinal), s_taxonomies).Meta;
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, FrontMatterParser.Parse("a.md", Text.Replace("[a, b]", "[a, c]", StringComparison.Ordinal), s_taxonomies).Meta);
    }

    [Fact]
    public void Page_without_front_matter_is_all_body_and_a_byte_order_mark_is_ignored()
    {
        FrontMatterParser.Result plain = FrontMatterParser.Parse("a.md", "# Title\n\ntext", s_taxonomies);
        Assert.Equal(new FrontMatter(), plain.Meta);
        Assert.Equal("# Title\n\ntext", plain.Body);
        FrontMatterParser.Result bom = FrontMatterParser.Parse("a.md", "\uFEFF---\r\ntitle: T\r\n---\r\nx", s_taxonomies);
        Assert.Equal("T", bom.Meta.Title);
        Assert.Equal("x", bom.Body);
    }

    [Theory]
    [InlineData("---\ntitle: T\nbody without end", 1, 1, "front matter is not closed")]
    [InlineData("---\ntitle: [unclosed\n---\n", 2, 8, "invalid YAML: a '[' is not closed")] // YAML finds it open where the text ends: reported at its bracket
    [InlineData("---\ntitle: [unclosed\ndate: 2024-01-01\ntags: [adapt]\n---\nBody", 2, 8, "a '[' is not closed")] // YamlDotNet throws InvalidOperationException here, without a position
    [InlineData("---\ntitle: T # [not this]\ndate: 2024-01-01\nsummary: \"a [quoted\"\ntags: {adapt: [x]\nweight: 1\n---\nBody", 5, 7, "a '{' is not closed")]
    [InlineData("---\ntitle: T\n\n# notes\ntags: [adapt, [x]\nweight: 1\nlast: [y]\n---\nBody", 5, 7, "a '[' is not closed")]
    [InlineData("---\ndescription: |\n  see [x\n  or {y\ntags: [adapt\n---\nBody", 5, 7, "a '[' is not closed")] // not the brackets of the block scalar
    [InlineData("---\ntitle: T\ntags: 5\n---\n", 3, 7, "'tags' must be a list of strings")]
    [InlineData("---\ndate: someday\n---\n", 2, 7, "'date' is not a date: 'someday'")]
    [InlineData("---\nweight: heavy\n---\n", 2, 9, "'weight' must be a whole number")]
    [InlineData("---\ndraft: maybe\n---\n", 2, 8, "'draft' must be true or false")]
    [InlineData("---\ntitle: [a, b]\n---\n", 2, 8, "'title' must be a single value")]
    [InlineData("---\n- just\n- a list\n---\n", 2, 1, "expected 'key: value' lines")]
    public void Bad_front_matter_is_a_diagnostic_with_file_line_and_column(string text, int line, int column, string message)
    {
        SiteException error = Assert.Throws<SiteException>(() => FrontMatterParser.Parse("content/a.md", text, s_taxonomies));
        Assert.Equal("content/a.md", error.Diagnostic.File);
        Assert.Equal(line, error.Diagnostic.Line);
        Assert.Equal(column, error.Diagnostic.Column);
        Assert.Contains(message, error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith($"content/a.md:{line}:{column}: error: ", error.Diagnostic.ToString(), StringComparison.Ordinal);
    }
}
