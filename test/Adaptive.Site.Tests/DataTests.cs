namespace Adaptive.Site.Tests;

/// <summary>Data files (<c>data/*.yaml|yml|json</c>) as <c>site.data</c>: parsed, visible to
/// templates, and tracked per file, so an edit re-renders only the pages that read that file.</summary>
public sealed class DataTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Data\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\nA body."),
        ("content/docs/guide.md", "---\ntitle: Guide\n---\nSteps."),
        ("layouts/blog/single.hbs", "<h1>{{page.title}}</h1>{{#each site.data.authors}}<p class=\"author\">{{name}} ({{site}})</p>{{/each}}"),
        ("layouts/docs/single.hbs", "<h1>{{page.title}}</h1><p class=\"color\">{{site.data.settings.color}} {{site.data.settings.size}}</p>"),
        ("data/authors.yaml", "- name: Ada\n  site: ada.example\n- name: Brian\n  site: brian.example\n"),
        ("data/settings.json", "{ \"color\": \"teal\", \"size\": 3, \"dark\": true }"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-data-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Parses_yaml_and_json_of_any_shape()
    {
        Assert.Equal(["authors", "settings"], _site.Site.Get(SiteLogic.DataNames));
        var authors = Assert.IsType<ValueList<object?>>(_site.Site.Get(SiteLogic.Data, "authors"));
        Assert.Equal("Ada", ((ValueDictionary)authors[0]!)["name"]);
        var settings = Assert.IsType<ValueDictionary>(_site.Site.Get(SiteLogic.Data, "settings"));
        Assert.Equal("3", settings["size"]);
        Assert.Equal("true", settings["dark"]);
        Assert.Null(_site.Site.Get(SiteLogic.Data, "missing"));
    }

    [Fact]
    public void Templates_read_site_data()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        BuildReport report = builder.Build();
        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        string post = File.ReadAllText(Path.Combine(_output, "blog/a/index.html"));
        Assert.Contains("<p class=\"author\">Ada (ada.example)</p><p class=\"author\">Brian (brian.example)</p>", post, StringComparison.Ordinal);
        Assert.Contains("<p class=\"color\">teal 3</p>", File.ReadAllText(Path.Combine(_output, "docs/guide/index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_edit_rerenders_only_the_pages_that_read_that_file()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        builder.Build();
        _site.Write("data/authors.yaml", "- name: Ada\n  site: ada.example\n- name: Grace\n  site: grace.example\n");
        BuildReport report = builder.Build(refreshAll: true);
        Assert.Equal(["blog/a/index.html"], report.Written);
        Assert.Contains("Grace (grace.example)", File.ReadAllText(Path.Combine(_output, "blog/a/index.html")), StringComparison.Ordinal);

        _site.Write("data/settings.json", "{ \"color\": \"plum\", \"size\": 3 }");
        Assert.Equal(["docs/guide/index.html"], builder.Build(refreshAll: true).Written);

        _site.Write("data/extra.yml", "unused: yes");
        Assert.Empty(builder.Build(refreshAll: true).Written); // a new file nobody reads changes no output
        BuildTests.AssertSameTree(ColdBuild(), _output);
    }

    [Theory]
    [InlineData("data/authors.yaml", "- name: Ada\n  site: [unclosed\n", "data/authors.yaml", 2, "a '[' is not closed")]
    [InlineData("data/settings.json", "{ \"color\": \"teal\",\n  \"size\": }", "data/settings.json", 2, "invalid JSON")]
    [InlineData("data/authors.json", "[]", "data/authors.yaml", 0, "two data files are named 'authors'")]
    public void A_broken_data_file_is_an_error_naming_it(string file, string text, string reported, int line, string message)
    {
        _site.Write(file, text);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        BuildReport report = builder.Build();
        Assert.False(report.Succeeded);
        SiteDiagnostic diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal(reported, diagnostic.File);
        Assert.Equal(line, diagnostic.Line);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_output, "index.html")), "pages that do not read the file still build");
    }

    [Fact]
    public void An_unused_broken_data_file_still_fails_the_build_until_fixed()
    {
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now));
        builder.Build();
        _site.Write("data/unused.yaml", "a: [");
        Assert.Contains(builder.Build(refreshAll: true).Diagnostics, d => d.File == "data/unused.yaml");
        _site.Write("data/unused.yaml", "a: [1]");
        Assert.True(builder.Build(refreshAll: true).Succeeded);
    }

    private string ColdBuild()
    {
        string cold = Directory.CreateTempSubdirectory("adapt-data-cold-").FullName;
        using var fresh = new SiteBuilder(_site.Root, cold, new BuildOptions(Now: s_now));
        Assert.True(fresh.Build().Succeeded);
        return cold;
    }
}
