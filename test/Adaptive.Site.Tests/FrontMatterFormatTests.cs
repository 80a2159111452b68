namespace Adaptive.Site.Tests;

/// <summary>Front matter in TOML (<c>+++</c>) and JSON (<c>{ }</c>) besides YAML: the same fields
/// as the YAML equivalent, and the same checks located in the file.</summary>
public sealed class FrontMatterFormatTests
{
    private static readonly string[] s_taxonomies = ["tags", "categories"];

    private const string Yaml = """
        ---
        title: Hello "world"
        date: 2024-05-31
        lastmod: 2024-06-01T10:00:00+02:00
        draft: true
        weight: -3
        slug: hello
        aliases: [/old/hello/, /older/]
        description: A post
        tags: [go, "2024"]
        categories: notes
        menu: { main: { name: Hello, weight: 2, parent: Blog } }
        params: { cover: a.png, stars: 4, featured: true }
        mood: happy
        ---
        Body **text**.
        """;

    private const string Toml = """
        +++
        title = 'Hello "world"'
        date = 2024-05-31
        lastmod = 2024-06-01T10:00:00+02:00
        draft = true
        weight = -3
        slug = "hello"
        aliases = ["/old/hello/", "/older/"]
        description = "A post"
        tags = ["go", "2024"]
        categories = "notes"
        mood = "happy"

        [menu.main]
        name = "Hello"
        weight = 2
        parent = "Blog"

        [params]
        cover = "a.png"
        stars = 4
        featured = true
        +++
        Body **text**.
        """;

    private const string Json = """
        {
          "title": "Hello \"world\"",
          "date": "2024-05-31",
          "lastmod": "2024-06-01T10:00:00+02:00",
          "draft": true,
          "weight": -3,
          "slug": "hello",
          "aliases": ["/old/hello/", "/older/"],
          "description": "A post",
          "tags": ["go", "2024"],
          "categories": "notes",
          "menu": { "main": { "name": "Hello", "weight": 2, "parent": "Blog" } },
          "params": { "cover": "a.png", "stars": 4, "featured": true },
          "mood": "happy"
        }
        Body **text**.
        """;

    [Theory]
    [InlineData(Toml, 24)]
    [InlineData(Json, 16)]
    public void Toml_and_json_give_the_same_front_matter_as_yaml(string text, int bodyLine)
    {
        FrontMatterParser.Result yaml = FrontMatterParser.Parse("content/a.md", Yaml, s_taxonomies);
        FrontMatterParser.Result other = FrontMatterParser.Parse("content/a.md", text, s_taxonomies);

        Assert.Equal(yaml.Meta, other.Meta);
        Assert.Equal(["go", "2024"], other.Meta.Terms("tags"));
        Assert.Equal([new MenuEntry("main", "Hello", 2, "Blog")], other.Meta.Menus);
        Assert.Equal(("a.png", "4", "true", "happy"), (other.Meta.Params["cover"], other.Meta.Params["stars"], other.Meta.Params["featured"], other.Meta.Params["mood"]));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), other.Meta.LastMod);
        Assert.Equal("Body **text**.", other.Body);
        Assert.Equal(bodyLine, other.BodyLine);
    }

    [Fact]
    public void Windows_line_endings_a_byte_order_mark_and_an_empty_block_read_as_in_yaml()
    {
        Assert.Equal("T", FrontMatterParser.Parse("a.md", "\uFEFF+++\r\ntitle = \"T\"\r\n+++\r\nx", s_taxonomies).Meta.Title);
        Assert.Equal("T", FrontMatterParser.Parse("a.md", "\uFEFF{\r\n\"title\": \"T\"\r\n}\r\nx", s_taxonomies).Meta.Title);
        Assert.Equal(new FrontMatter(), FrontMatterParser.Parse("a.md", "+++\n+++\nx", s_taxonomies).Meta);
        Assert.Equal(new FrontMatter(), FrontMatterParser.Parse("a.md", "{}\nx", s_taxonomies).Meta);
        Assert.Equal(("x", 2), (FrontMatterParser.Parse("a.md", "{}\nx", s_taxonomies).Body, FrontMatterParser.Parse("a.md", "{}\nx", s_taxonomies).BodyLine));
    }

    [Fact]
    public void Toml_tables_of_an_array_of_tables_belong_to_its_last_element()
    {
        FrontMatter meta = FrontMatterParser.Parse("a.md", "+++\ntitle = \"T\"\n[[resources]]\nsrc = \"a.jpg\"\n[[resources]]\nsrc = \"b.jpg\"\n[resources.params]\ncredits = \"x\"\n+++\n", s_taxonomies).Meta;
        var resources = Assert.IsType<ValueList<object?>>(meta.Params["resources"]);
        Assert.Equal(2, resources.Count);
        var last = Assert.IsType<ValueDictionary>(resources[1]);
        Assert.Equal("b.jpg", last["src"]);
        Assert.Equal("x", Assert.IsType<ValueDictionary>(last["params"])["credits"]);
        Assert.False(Assert.IsType<ValueDictionary>(resources[0]).ContainsKey("params"));
    }

    [Fact]
    public void A_page_that_opens_with_a_double_brace_is_body_not_json()
    {
        FrontMatterParser.Result page = FrontMatterParser.Parse("a.md", "{{< note >}}\nhi\n", s_taxonomies);
        Assert.Equal(new FrontMatter(), page.Meta);
        Assert.Equal("{{< note >}}\nhi\n", page.Body);
    }

    [Theory]
    [InlineData("+++\ntitle = \"T\"\nBody", 1, 1, "front matter is not closed: add a line '+++' after the last 'key = value' line")]
    [InlineData("+++\ntitle = \"T\"\ntags = [\"a\", \n+++\n", 4, 1, "invalid TOML: ")]
    [InlineData("+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n", 3, 1, "invalid TOML: ")]
    [InlineData("+++\ntitle = \"T\"\nweight = \"heavy\"\n+++\n", 3, 10, "'weight' must be a whole number, not 'heavy'")]
    [InlineData("+++\ntags = 5\n+++\n", 2, 8, "'tags' must be a list of strings")]
    [InlineData("+++\ndate = \"someday\"\n+++\n", 2, 8, "'date' is not a date: 'someday'")]
    [InlineData("+++\ndraft = 1\n+++\n", 2, 9, "'draft' must be true or false")]
    [InlineData("+++\n[menu.main]\ncolour = \"red\"\n+++\n", 3, 10, "unknown menu field 'colour': use name, weight or parent")]
    [InlineData("{\n  \"title\": \"T\",\n  \"tags\": [\"a\" \"b\"]\n}\n", 3, 16, "invalid JSON front matter: ")]
    [InlineData("{\n  \"title\": \"T\"\n", 3, 1, "invalid JSON front matter: ")]
    [InlineData("{\n  \"title\": \"T\"\n} Body\n", 3, 2, "the JSON front matter's closing '}' must end its line")]
    [InlineData("{\n  \"title\": \"T\",\n  \"weight\": \"heavy\"\n}\n", 3, 13, "'weight' must be a whole number, not 'heavy'")]
    [InlineData("{\n  \"draft\": \"maybe\"\n}\n", 2, 12, "'draft' must be true or false")]
    [InlineData("{ /* wip */ \"draft\": true,\n  \"title\": \"T\"\n}\n", 1, 3, "invalid JSON front matter: ")] // YAML would read the comment as part of a key
    [InlineData("+++\nweight = 2.0\n+++\n", 2, 10, "'weight' must be a whole number, not '2.0'")]
    public void Bad_toml_or_json_front_matter_is_a_diagnostic_with_file_line_and_column(string text, int line, int column, string message)
    {
        SiteException error = Assert.Throws<SiteException>(() => FrontMatterParser.Parse("content/a.md", text, s_taxonomies));
        Assert.Equal((line, column), (error.Diagnostic.Line, error.Diagnostic.Column));
        Assert.StartsWith(message, error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith($"content/a.md:{line}:{column}: error: ", error.Diagnostic.ToString(), StringComparison.Ordinal);
    }
}
