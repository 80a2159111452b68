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
