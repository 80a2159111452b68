using Adaptive.Site.Phased;

namespace Adaptive.Site.Tests;

/// <summary>Syntax highlighting of fenced code at build time: spans for the languages the
/// theme promises, plain code for the rest, escaped text, and each distinct block highlighted
/// once (a prose edit highlights nothing; a code edit, that block).</summary>
public sealed class HighlightTests : IDisposable
{
    private static readonly BuildOptions s_options = new(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Code\nbaseUrl: https://example.org/\n"),
        ("content/a.md", "---\ntitle: A\n---\nSome prose.\n\nMore prose.\n\n```go\nfunc main() {\n\tfmt.Println(\"hi\") // greet\n}\n```\n\n```yaml\nkey: value\n```\n"),
        ("content/b.md", "---\ntitle: B\n---\nOther prose.\n\n```go\nfunc main() {\n\tfmt.Println(\"hi\") // greet\n}\n```\n"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-highlight-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Theory]
    [InlineData("cs", "public static int Count = 1; // total", "hl-keyword")]
    [InlineData("csharp", "var s = \"text\";", "hl-string")]
    [InlineData("js", "function f() { return 42; }", "hl-number")]
    [InlineData("ts", "const x: number = 1;", "hl-keyword")]
    [InlineData("python", "def f():\n    return 'x'  # note", "hl-comment")]
    [InlineData("go", "package main\nfunc main() {}", "hl-keyword")]
    [InlineData("rust", "fn main() { let x = 5; }", "hl-keyword")]
    [InlineData("sh", "echo \"hello\" # say it", "hl-comment")]
    [InlineData("bash", "if [ -f x ]; then exit 1; fi", "hl-keyword")]
    [InlineData("json", "{\"name\": \"adapt\", \"count\": 3}", "hl-property")]
    [InlineData("yaml", "title: Hello\ncount: 3", "hl-tag")]
    [InlineData("html", "<a href=\"/x\">link</a>", "hl-attribute")]
    [InlineData("css", "body { color: red; }", "hl-property")]
    [InlineData("sql", "SELECT name FROM pages WHERE id = 1", "hl-keyword")]
    [InlineData("markdown", "# Title\n\nSome *text*.", "hl-")]
    public void Each_promised_language_is_highlighted(string language, string code, string expectedClass)
    {
        string html = Render($"```{language}\n{code}\n```\n");
        Assert.StartsWith($"<pre><code class=\"language-{language}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"{expectedClass}", html, StringComparison.Ordinal);
        Assert.Equal(Plain($"```{language}\n{code}\n```\n"), Text(html)); // nothing lost, nothing added
    }

    [Fact]
    public void An_unknown_language_and_an_indented_block_render_as_plain_code_and_text_stays_escaped()
    {
        const string Markdown = "```nosuchlang\nx < y && \"z\"\n```\n\n    indented <code>\n";
        Assert.Equal(Plain(Markdown), Render(Markdown));
        string cs = Render("```cs\nif (a < b) { s = \"<b>\"; }\n```\n");
        Assert.Contains("&lt;", cs, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", cs, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prose_edit_highlights_nothing_and_a_code_edit_only_its_block()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);
        string page = File.ReadAllText(Path.Combine(_output, "a/index.html"));
        Assert.Contains("<span class=\"hl-keyword\">func</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"hl-comment\">", page, StringComparison.Ordinal);

        _site.Write("content/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/a.md")).Replace("More prose.", "More edited prose.", StringComparison.Ordinal));
        using (Adaptive.Core.ExecutionLog prose = builder.Runtime.RecordExecutions())
        {
            Assert.Equal(["a/index.html"], builder.Build(refreshAll: true).Written);
            Assert.DoesNotContain(prose.Names, name => name.Contains(".Highlighted[", StringComparison.Ordinal));
        }

        _site.Write("content/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/a.md")).Replace("key: value", "key: other", StringComparison.Ordinal));
        using (Adaptive.Core.ExecutionLog code = builder.Runtime.RecordExecutions())
        {
            Assert.Equal(["a/index.html"], builder.Build(refreshAll: true).Written);
            Assert.Single(code.Names, name => name.Contains(".Highlighted[", StringComparison.Ordinal));
        }

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, s_options);
        string phased = Directory.CreateTempSubdirectory("adapt-highlight-phased-").FullName;
        Assert.True(new PhasedBuilder(_site.Root, phased, s_options, PhasedMode.Full).Build().Succeeded);
        BuildTests.AssertSameTree(phased, _output);
    }

    [Fact]
    public void The_site_counts_the_blocks_it_renders_and_the_ones_it_highlights()
    {
        using var builder = new SiteBuilder(_site.Root, _output, s_options);
        Assert.True(builder.Build().Succeeded);
        HighlightWork cold = builder.Site.Logic.HighlightWork;
        Assert.Equal(3, cold.Blocks); // a's go and yaml blocks, b's go block
        Assert.Equal(2, cold.DistinctBlocks); // the go block once for both pages

        _site.Write("content/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/a.md")).Replace("More prose.", "More edited prose.", StringComparison.Ordinal));
        Assert.Equal(["a/index.html"], builder.Build(refreshAll: true).Written);
        HighlightWork edited = builder.Site.Logic.HighlightWork;
        Assert.Equal(cold.Blocks + 2, edited.Blocks); // a rendered again reads its two blocks
        Assert.Equal(cold.DistinctBlocks, edited.DistinctBlocks); // and highlights neither
        Assert.Equal(cold.Elapsed, edited.Elapsed);
    }

    [Fact]
    public void A_new_process_takes_unchanged_blocks_from_the_trace()
    {
        string trace = Path.Combine(_site.Root, ".adapt", "trace.db");
        Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
        (_, IReadOnlyList<string> first) = BuildInNewProcess(trace);
        Assert.Equal(2, first.Count(name => name.Contains(".Highlighted[", StringComparison.Ordinal))); // the go block once for both pages, the yaml block

        _site.Write("content/a.md", File.ReadAllText(Path.Combine(_site.Root, "content/a.md")).Replace("More prose.", "More edited prose.", StringComparison.Ordinal));
        (BuildReport report, IReadOnlyList<string> second) = BuildInNewProcess(trace);
        Assert.Equal(["a/index.html"], report.Written);
        Assert.Contains("Site[site].Rendered[content/a.md]", second);
        Assert.DoesNotContain(second, name => name.Contains(".Highlighted[", StringComparison.Ordinal));
    }

    private (BuildReport Report, IReadOnlyList<string> Executed) BuildInNewProcess(string trace)
    {
        using Adaptive.Core.LiteDbTraceStore store = Adaptive.Core.LiteDbTraceStore.Open(trace);
        using var builder = new SiteBuilder(_site.Root, _output, s_options, store);
        using Adaptive.Core.ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build();
        return (report, log.Names);
    }

    private static string Render(string markdown) =>
        MarkdownRenderer.Render("a.md", markdown, 1, _ => null, null, Highlighter.Highlight).Html;

    private static string Plain(string markdown) => MarkdownRenderer.Render("a.md", markdown, 1, _ => null).Html;

    private static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(html, "</?span[^>]*>", string.Empty);
}
