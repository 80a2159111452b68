using Adaptive.Site;
using Adaptive.Bench.Corpus;
using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Site;

/// <summary>
/// The per-page stages of a cold build, one page at a time (issue #15): front matter, Markdown
/// (parse, cross-references, anchors, summary, word count, HTML) and the default theme's page
/// template — so that the next regression in time or allocation is visible on its own, without
/// a whole build's noise. The page is a post of the generated blog corpus (seed 1), the kind
/// the cold-build comparison with Hugo renders 4,000 of.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project test/Adaptive.Benchmarks -- --filter
/// *PageStage*</c>.</remarks>
[MemoryDiagnoser]
public class PageStageBenchmarks
{
    private static readonly string[] s_taxonomies = ["tags", "categories"];
    private string _file = string.Empty;
    private string _text = string.Empty;
    private string _body = string.Empty;
    private int _bodyLine;
    private CompiledTemplate _single = null!;
    private TemplateSource _singleSource = null!;
    private Dictionary<string, object?> _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Directory.CreateTempSubdirectory("adapt-stage-").FullName;
        try
        {
            CorpusGenerator.Generate(CorpusScenario.Blog, folder, pages: 50, seed: 1);
            string path = Directory.GetFiles(Path.Combine(folder, "content"), "post-*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
            _file = Path.GetRelativePath(folder, path).Replace('\\', '/');
            _text = File.ReadAllText(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        FrontMatterParser.Result page = FrontMatterParser.Parse(_file, _text, s_taxonomies);
        _body = page.Body;
        _bodyLine = page.BodyLine;
        RenderedMarkdown rendered = MarkdownRenderer.Render(_file, _body, _bodyLine, static _ => "/posts/other/");
        _singleSource = DefaultTheme.Layout("_default/single")!;
        _single = TemplateEngine.Compile(_singleSource, static name => DefaultTheme.Layout("partials/" + name));
        _context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["site"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = "Blog", ["baseUrl"] = "https://example.org/", ["language"] = "en" },
            ["page"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["title"] = page.Meta.Title,
                ["url"] = "/posts/first/",
                ["content"] = rendered.Html,
                ["summary"] = rendered.SummaryHtml,
                ["wordCount"] = rendered.WordCount,
                ["toc"] = rendered.Toc.Select(static t => (object?)new Dictionary<string, object?> { ["level"] = t.Level, ["id"] = t.Id, ["text"] = t.Text }).ToList(),
            },
        };
    }

    /// <summary>Splitting a page and reading its YAML into the typed front matter.</summary>
    [Benchmark]
    public FrontMatter FrontMatter() => FrontMatterParser.Parse(_file, _text, s_taxonomies).Meta;

    /// <summary>Everything the renderer does to one body.</summary>
    [Benchmark]
    public RenderedMarkdown Markdown() => MarkdownRenderer.Render(_file, _body, _bodyLine, static _ => "/posts/other/");

    /// <summary>The default theme's page layout around already rendered content.</summary>
    [Benchmark]
    public string Template() => _single.Render(_context);

    /// <summary>Compiling that layout with its partials (once per process in a build).</summary>
    [Benchmark]
    public CompiledTemplate TemplateCompile() => TemplateEngine.Compile(_singleSource, static name => DefaultTheme.Layout("partials/" + name));
}
