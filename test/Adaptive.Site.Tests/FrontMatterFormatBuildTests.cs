using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary>Sites whose pages mix YAML, TOML and JSON front matter: both strategies build the
/// same bytes, a page that changes format with the same fields rebuilds nothing but its own
/// reading of them, and errors in either format are located in the page.</summary>
public sealed class FrontMatterFormatBuildTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Formats\nbaseUrl: https://example.org/\n"),
        ("content/blog/_index.md", "+++\ntitle = \"The Blog\"\n+++\nPosts."),
        ("content/blog/yaml.md", "---\ntitle: In YAML\ndate: 2024-01-01\ntags: [go]\n---\nA YAML page."),
        ("content/blog/toml.md", "+++\ntitle = \"In TOML\"\ndate = 2024-02-01\ntags = [\"go\", \"web\"]\n\n[params]\nmood = \"calm\"\n+++\nA TOML page."),
        ("content/blog/json.md", "{\n  \"title\": \"In JSON\",\n  \"date\": \"2024-03-01\",\n  \"tags\": [\"web\"],\n  \"weight\": 1\n}\nA JSON page."));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-formats-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Pages_in_every_format_are_listed_tagged_and_built_byte_identical_by_both_strategies()
    {
        using (var builder = new SiteBuilder(_site.Root, _output, s_options))
        {
            BuildReport report = builder.Build();
            Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        }

        string list = File.ReadAllText(Path.Combine(_output, "blog/index.html"));
        Assert.Contains("The Blog", list, StringComparison.Ordinal);
        Assert.All(["In YAML", "In TOML", "In JSON"], title => Assert.Contains(title, list, StringComparison.Ordinal));
        Assert.True(list.IndexOf("In TOML", StringComparison.Ordinal) < list.IndexOf("In YAML", StringComparison.Ordinal), "weight 0, newest first");
        Assert.True(list.IndexOf("In YAML", StringComparison.Ordinal) < list.IndexOf("In JSON", StringComparison.Ordinal), "then weight 1");
        string web = File.ReadAllText(Path.Combine(_output, "tags/web/index.html"));
        Assert.Contains("In TOML", web, StringComparison.Ordinal);
        Assert.Contains("In JSON", web, StringComparison.Ordinal);

        string phased = Directory.CreateTempSubdirectory("adapt-formats-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void A_page_rewritten_in_another_format_with_the_same_fields_stops_at_its_front_matter()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);

        _site.Write("content/blog/yaml.md", "+++\ntitle = \"In YAML\"\ndate = 2024-01-01\ntags = [\"go\"]\n+++\nA YAML page.");
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build(refreshAll: true);

        Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
        Assert.Empty(report.Written);
        Assert.Equal(
            ["Site[site].BodySource[content/blog/yaml.md]", "Site[site].FrontMatterSource[content/blog/yaml.md]",
             "Site[site].Meta[content/blog/yaml.md]", "Site[site].TextShape[content/blog/yaml.md]"],
            log.Names);
    }

    [Theory]
    [InlineData("content/blog/toml.md", "+++\ntitle = \"T\"\nlayout = \"wide\"\n+++\nx", "content/blog/toml.md:3:10: error: layout 'wide' not found")]
    [InlineData("content/blog/json.md", "{\n  \"title\": \"J\",\n  \"layout\": \"wide\"\n}\nx", "content/blog/json.md:3:13: error: layout 'wide' not found")]
    [InlineData("content/blog/toml.md", "+++\ntitle = \"T\"\ndate = \"soon\"\n+++\nx", "content/blog/toml.md:3:8: error: 'date' is not a date: 'soon'")]
    [InlineData("content/blog/json.md", "{\n  \"title\": \"J\"\n  \"date\": \"2024-01-01\"\n}\nx", "content/blog/json.md:3:3: error: invalid JSON front matter: ")]
    public void Errors_in_toml_or_json_pages_are_located_in_the_page_and_the_rest_is_built(string path, string text, string diagnostic)
    {
        _site.Write(path, text);
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        BuildReport report = builder.Build();

        Assert.False(report.Succeeded);
        Assert.StartsWith(diagnostic, Assert.Single(report.Diagnostics).ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_output, "blog/yaml/index.html")));
    }
}
