using Adaptive.Bench.Corpus;
using Adaptive.Site;
using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Site;

/// <summary>
/// The cost of syntax highlighting per page (issue #17): a page of the generated docs corpus
/// (the first with a code block, seed 1) rendered without highlighting and with it, uncached
/// (every block highlighted, as in a cold build of a site whose blocks are all different), and
/// one block on its own.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project test/Adaptive.Benchmarks -- --filter *Highlight*</c>.</remarks>
[MemoryDiagnoser]
public class HighlightBenchmarks
{
    private string _file = string.Empty;
    private string _body = string.Empty;
    private int _bodyLine;
    private string _code = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        string folder = Directory.CreateTempSubdirectory("adapt-highlight-").FullName;
        try
        {
            CorpusGenerator.Generate(CorpusScenario.Docs, folder, pages: 50, seed: 1);
            string path = Directory.GetFiles(Path.Combine(folder, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .First(p => File.ReadAllText(p).Contains("```csharp", StringComparison.Ordinal));
            _file = Path.GetRelativePath(folder, path).Replace('\\', '/');
            FrontMatterParser.Result page = FrontMatterParser.Parse(_file, File.ReadAllText(path), ["tags", "categories"]);
            _body = page.Body;
            _bodyLine = page.BodyLine;
            int start = _body.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
            _code = _body[start.._body.IndexOf("\n```", start, StringComparison.Ordinal)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        _ = Highlighter.Highlight("csharp", _code); // grammars loaded once per process, not measured
    }

    [Benchmark(Baseline = true)]
    public RenderedMarkdown Plain() => MarkdownRenderer.Render(_file, _body, _bodyLine, static _ => "/docs/other/");

    [Benchmark]
    public RenderedMarkdown Highlighted() => MarkdownRenderer.Render(_file, _body, _bodyLine, static _ => "/docs/other/", null, Highlighter.Highlight);

    [Benchmark]
    public string? OneBlock() => Highlighter.Highlight("csharp", _code);
}
