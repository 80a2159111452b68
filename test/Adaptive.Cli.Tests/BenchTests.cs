using System.Text.Json;
using Adaptive.Site;

namespace Adaptive.Cli.Tests;

/// <summary><c>adapt gen</c> and <c>adapt bench</c>: deterministic corpora, and a small
/// verified matrix with every output file of the report.</summary>
public sealed class BenchTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("adapt-bench-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("docs", 40, 1)]
    [InlineData("blog", 60, 2)]
    [InlineData("api", 50, 6)]
    public void Gen_makes_the_same_site_for_the_same_seed_and_it_builds_cleanly(string scenario, int pages, int depth)
    {
        string first = Path.Combine(_work, scenario + "-1");
        string second = Path.Combine(_work, scenario + "-2");
        Assert.Equal(0, AdaptProcess.Run(_work, "gen", scenario, "--pages", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", first).Exit);
        Assert.Equal(0, AdaptProcess.Run(_work, "gen", scenario, "--pages", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", second).Exit);
        Assert.Equal(OutputTree.Text(first), OutputTree.Text(second));
        string[] content = [.. Directory.GetFiles(Path.Combine(first, "content"), "*.md", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "_index.md")];
        Assert.Equal(pages, content.Length);
        Assert.Equal(depth, content.Max(f => Path.GetRelativePath(Path.Combine(first, "content"), f).Count(c => c == '/'))); // folders below content/
        int words = File.ReadAllText(content[0]).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(words, 300, 2_400);

        JsonElement build = AdaptProcess.Json(first, "build");
        Assert.Equal(0, build.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, build.GetProperty("warnings").GetArrayLength()); // cross-references and links all resolve
    }

    [Fact]
    public void Bench_runs_a_verified_matrix_and_writes_every_report()
    {
        string results = Path.Combine(_work, "results");
        (int exit, string output, string error) = AdaptProcess.Run(_work, "bench", "--scenario", "docs", "--pages", "20", "--runs", "1",
            "--strategies", "adaptive-live,phased-incremental", "--out", results);
        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("WRONG OUTPUT", output, StringComparison.Ordinal);
        foreach (string file in (string[])["results.json", "results.csv", "results.md", "time.svg", "work.svg"])
        {
            Assert.True(File.Exists(Path.Combine(results, file)), file);
        }

        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json"))).RootElement;
        JsonElement[] cells = [.. json.GetProperty("cells").EnumerateArray()];
        Assert.Equal(11 + 12, cells.Length); // live: cold and 10 edits (no no-op); phased incremental: cold, no-op and 10 edits
        Assert.All(cells, c => Assert.True(c.GetProperty("correct").GetBoolean()));
        JsonElement body = cells.Single(c => c.GetProperty("strategy").GetString() == "adaptive-live" && c.GetProperty("edit").GetString() == "body edit");
        Assert.Equal(1, body.GetProperty("pagesRendered").GetInt32());
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(results, "time.svg")), StringComparison.Ordinal);
        Assert.Contains("| body edit |", File.ReadAllText(Path.Combine(results, "results.md")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(results, "work")), "the working copies are removed");
    }

    [Fact]
    public void Bench_reports_what_highlighting_cost_a_cold_build_of_the_docs_corpus()
    {
        string results = Path.Combine(_work, "results");
        (int exit, string output, string error) = AdaptProcess.Run(_work, "bench", "--scenario", "docs", "--pages", "20", "--runs", "1",
            "--strategies", "phased-full", "--edits", "no-op", "--out", results);
        Assert.True(exit == 0, output + error);
        Assert.Contains("Highlighting (one cold in-process build, no trace): ", output, StringComparison.Ordinal);
        Assert.Contains("Highlighting (one cold in-process build, no trace): ", File.ReadAllText(Path.Combine(results, "results.md")), StringComparison.Ordinal);

        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json"))).RootElement;
        Assert.Equal(["cold", "no-op"], json.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("edit").GetString())); // the cells as before
        JsonElement highlight = json.GetProperty("highlight");
        Assert.Equal("docs", highlight.GetProperty("scenario").GetString());
        Assert.Equal(20, highlight.GetProperty("pages").GetInt32());

        // The same corpus (same seed): every page's code block is the same C# snippet.
        string corpus = Path.Combine(_work, "corpus");
        Assert.Equal(0, AdaptProcess.Run(_work, "gen", "docs", "--pages", "20", "-o", corpus).Exit);
        int fences = Directory.GetFiles(Path.Combine(corpus, "content"), "*.md", SearchOption.AllDirectories)
            .Sum(f => File.ReadAllText(f).Split("```csharp\n").Length - 1);
        Assert.True(fences > 1, "the docs corpus has code blocks");
        Assert.Equal(fences, highlight.GetProperty("blocks").GetInt64());
        Assert.Equal(1, highlight.GetProperty("distinctBlocks").GetInt64());

        // Derived figures agree with the measured ones (no time is asserted).
        double ms = highlight.GetProperty("ms").GetDouble();
        Assert.True(ms >= 0);
        Assert.Equal(ms / 20, highlight.GetProperty("msPerPage").GetDouble(), 9);
        Assert.Equal(ms / highlight.GetProperty("coldCpuMs").GetDouble(), highlight.GetProperty("shareOfColdCpu").GetDouble(), 9);
        Assert.True(highlight.GetProperty("coldMs").GetDouble() > 0);
    }

    [Fact]
    public void Highlighting_costs_nothing_on_a_corpus_without_code()
    {
        string site = Path.Combine(_work, "no-code");
        Adaptive.Bench.Corpus.CorpusGenerator.Generate(Adaptive.Bench.Corpus.CorpusScenario.Docs, site, 10);
        foreach (string page in Directory.GetFiles(Path.Combine(site, "content"), "*.md", SearchOption.AllDirectories))
        {
            File.WriteAllText(page, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(page), "```csharp\n.*?```\n", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline));
        }

        (_, Adaptive.Bench.HighlightCost cost) = Adaptive.Bench.HighlightCost.ColdBuild(site, Path.Combine(_work, "no-code-public"), "docs", 10, AdaptProcess.Now);
        Assert.Equal(0, cost.Blocks);
        Assert.Equal(0, cost.DistinctBlocks);
        Assert.Equal(0, cost.Ms);
        Assert.Equal(0, cost.MsPerPage);
        Assert.Equal(0, cost.ShareOfColdCpu);
        Assert.True(cost.ColdCpuMs > 0, "the build itself was measured");
    }

    [Fact]
    public void Bench_measures_only_the_chosen_edits_and_names_the_valid_ones()
    {
        string results = Path.Combine(_work, "results");
        (int exit, string output, string error) = AdaptProcess.Run(_work, "bench", "--scenario", "docs", "--pages", "20", "--runs", "1",
            "--strategies", "adaptive-new-process", "--edits", "no-op, body edit", "--out", results);
        Assert.True(exit == 0, output + error);
        JsonElement json = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "results.json"))).RootElement;
        Assert.Equal(["cold", "no-op", "body edit"], json.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("edit").GetString()));
        JsonElement noOp = json.GetProperty("cells")[1];
        Assert.Equal(0, noOp.GetProperty("pagesRendered").GetInt32());
        Assert.True(noOp.GetProperty("correct").GetBoolean());

        (exit, _, error) = AdaptProcess.Run(_work, "bench", "--scenario", "docs", "--pages", "20", "--edits", "typo edit", "--out", results);
        Assert.Equal(2, exit);
        Assert.Contains("unknown edit 'typo edit': use no-op, body edit,", error, StringComparison.Ordinal);
    }
}
