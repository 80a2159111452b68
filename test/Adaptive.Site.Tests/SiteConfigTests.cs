namespace Adaptive.Site.Tests;

public sealed class SiteConfigTests
{
    [Fact]
    public void Empty_config_has_the_defaults()
    {
        SiteConfig config = SiteConfigParser.Parse(string.Empty);
        Assert.Equal(new SiteConfig(), config);
        Assert.Equal(["tags", "categories"], config.Taxonomies);
        Assert.Equal(10, config.PaginationSize);
    }

    [Fact]
    public void Reads_every_setting()
    {
        SiteConfig config = SiteConfigParser.Parse("""
            title: Docs
            baseUrl: https://example.org/docs
            language: fr
            description: The docs
            author: Ada
            taxonomies: [tags, authors]
            menus:
              main:
                - { name: Guide, url: /guide/, weight: 1 }
                - { name: API, url: /api/, weight: 2, parent: Guide }
            pagination: { size: 5 }
            permalinks: { blog: "/:year/:slug/" }
            params: { color: blue }
            build: { drafts: true, future: true }
            """);
        Assert.Equal(("Docs", "https://example.org/docs/", "fr"), (config.Title, config.BaseUrl, config.Language));
        Assert.Equal(("The docs", "Ada"), (config.Description, config.Author));
        Assert.Equal(["tags", "authors"], config.Taxonomies);
        Assert.Equal([new ConfigMenuEntry("Guide", "/guide/", 1, null), new ConfigMenuEntry("API", "/api/", 2, "Guide")], config.Menu("main"));
        Assert.Equal(5, config.PaginationSize);
        Assert.Equal("/:year/:slug/", config.Permalinks["blog"]);
        Assert.Equal("blue", config.Params["color"]);
        Assert.True(config.BuildDrafts && config.BuildFuture);
        Assert.Equal(config, SiteConfigParser.Parse("title: Docs\nbaseUrl: https://example.org/docs\nlanguage: fr\ndescription: The docs\nauthor: Ada\ntaxonomies: [tags, authors]\nmenus: { main: [ { name: Guide, url: /guide/, weight: 1 }, { name: API, url: /api/, weight: 2, parent: Guide } ] }\npagination: 5\npermalinks: { blog: \"/:year/:slug/\" }\nparams: { color: blue }\nbuild: { drafts: true, future: true }\n"));
    }

    [Theory]
    [InlineData("titel: Typo", 1, 1, "unknown setting 'titel'")]
    [InlineData("baseUrl: example.org", 1, 10, "must be an absolute http(s) URL")]
    [InlineData("pagination: 0", 1, 13, "at least 1")]
    [InlineData("taxonomies: [tags, 'my tags']", 1, 13, "must be a plain name")]
    [InlineData("menus:\n  main:\n    - { url: /x/ }", 3, 7, "needs a name")]
    [InlineData("build: { drafts: sometimes }", 1, 18, "'drafts' must be true or false")]
    public void Bad_config_is_a_diagnostic_in_adapt_yaml(string text, int line, int column, string message)
    {
        SiteException error = Assert.Throws<SiteException>(() => SiteConfigParser.Parse(text));
        Assert.Equal(("adapt.yaml", line, column), (error.Diagnostic.File, error.Diagnostic.Line, error.Diagnostic.Column));
        Assert.Contains(message, error.Diagnostic.Message, StringComparison.Ordinal);
    }
}
