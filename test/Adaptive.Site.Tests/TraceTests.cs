using Adaptive.Core;

namespace Adaptive.Site.Tests;

/// <summary>A new process (a new runtime on the same trace store) reuses the last build's
/// results and still equals a cold build.</summary>
public sealed class TraceTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SiteFixture _site = new(
        ("adapt.yaml", "title: Trace\nbaseUrl: https://example.org/"),
        ("content/blog/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA body, see [b](b.md)."),
        ("content/blog/b.md", "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body."),
        ("data/info.yaml", "motto: hello"));

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-trace-out-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    private string LastLog { get; set; } = string.Empty;

    /// <summary>The names of the memos the last <see cref="BuildInNewProcess"/> executed, sorted.</summary>
    private string[] Executed =>
        [.. LastLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.IndexOf(" <- ", StringComparison.Ordinal)]).Order(StringComparer.Ordinal)];

    private string TracePath => Path.Combine(_site.Root, ".adapt", "trace.db");

    private BuildReport BuildInNewProcess(DateTimeOffset? now = null, bool singleBuild = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(TracePath);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: now ?? s_now), store, singleBuild: singleBuild);
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build();
        LastLog = string.Join("\n", log.Memos.Select(m => m.Name + " <- " + ((Memo)m).LastExecution));
        return report;
    }

    [Fact]
    public void Threads_that_resolve_the_same_input_at_once_share_one_initialized_file()
    {
        // The green checks of a single build resolve stored inputs on every core; creating a
        // file twice registered its key twice ("Two persistent nodes are named ...", seen at
        // 10,000 pages). Regression test: many threads released together, in many rounds.
        BuildInNewProcess();
        using LiteDbTraceStore store = LiteDbTraceStore.Open(TracePath);
        var runtime = new AdaptiveRuntime(store, singleBuild: true);
        var site = new Site(runtime, _site.Root, new BuildOptions(Now: s_now));
        string[] paths = ["content/blog/a.md", "content/blog/b.md", "data/info.yaml", "adapt.yaml"];
        foreach (string path in paths)
        {
            var found = new FileInput[8];
            using var start = new Barrier(found.Length);
            Parallel.For(0, found.Length, new ParallelOptions { MaxDegreeOfParallelism = found.Length }, i =>
            {
                start.SignalAndWait();
                found[i] = site.Input(path);
            });

            Assert.All(found, input => Assert.Same(found[0], input));
            Assert.True(found[0].Exists);
            Assert.Equal(found[0].StoredFingerprint, Fingerprint128.Of(File.ReadAllBytes(Path.Combine(_site.Root, path))));
        }
    }

    [Fact]
    public void A_new_process_with_nothing_changed_executes_nothing_and_writes_nothing()
    {
        BuildReport cold = BuildInNewProcess();
        Assert.True(cold.Succeeded, string.Join("\n", cold.Diagnostics));
        BuildReport again = BuildInNewProcess();
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics));
        Assert.Empty(again.Written);
        Assert.True(again.Work.Executions == 0, LastLog);
    }

    [Fact]
    public void A_new_process_after_a_body_edit_rebuilds_that_page_only()
    {
        BuildInNewProcess();
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/b.md"), "---\ntitle: B\ndate: 2024-02-01\ntags: [go, web]\n---\nB body.\n\nMore.");
        BuildReport report = BuildInNewProcess();
        Assert.Equal(["blog/b/index.html"], report.Written);
        Assert.Equal( // that page's chain, nothing else
            [
                "Site[site].BodySource[content/blog/b.md]", "Site[site].FrontMatterSource[content/blog/b.md]",
                "Site[site].LinksOf[(page:content/blog/b.md, blog/b/index.html)]", "Site[site].Output[page:content/blog/b.md]",
                "Site[site].ReadingMinutes[content/blog/b.md]", "Site[site].Rendered[content/blog/b.md]", "Site[site].Summary[content/blog/b.md]",
                "Site[site].TextShape[content/blog/b.md]",
            ],
            Executed);

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(Now: s_now), succeeds: false);
    }

    [Fact]
    public void A_single_build_after_a_body_edit_takes_green_results_without_their_dependencies()
    {
        BuildInNewProcess();
        string b = Path.Combine(_site.Root, "content/blog/b.md");
        string original = File.ReadAllText(b);
        File.WriteAllText(b, original + "\n\nMore.");
        BuildReport linked = BuildInNewProcess(); // a watch's first build: every adopted memo linked
        File.WriteAllText(b, original + "\n\nMore, again.");
        BuildReport single = BuildInNewProcess(singleBuild: true);

        Assert.Equal(["blog/b/index.html"], single.Written);
        Assert.Equal(["blog/b/index.html"], single.RenderedPaths); // the other outputs kept from the trace, without a memo
        Assert.Equal(linked.Work.Executions, single.Work.Executions); // the same cutoffs
        Assert.True(single.Work.Reused * 2 < linked.Work.Reused, $"single build reused {single.Work.Reused}, linked {linked.Work.Reused}: green results should be taken without what they read");

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(Now: s_now), succeeds: false);

        // The single build's save kept what the next process needs: nothing runs again.
        BuildReport after = BuildInNewProcess(singleBuild: true);
        Assert.Empty(after.Written);
        Assert.True(after.Work.Executions == 0, LastLog);
    }

    [Fact]
    public void A_single_build_drops_its_recomputable_values_and_a_read_brings_back_the_written_bytes()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(TracePath);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now), store, singleBuild: true);
        Assert.True(builder.Build().Succeeded);
        OutputEntry entry = builder.Site.Outputs.Single(e => e.Path == "blog/b/index.html");
        Memo<byte[]> output = builder.Site.OutputMemo(entry.Key);
        Assert.True(output.IsValueInStore); // dropped once written: the save needed its fingerprint only

        // Nothing changed: a second build of the same process reads none of them.
        BuildReport again = builder.Build();
        Assert.Empty(again.Written);
        Assert.Equal(0, again.Work.Executions);

        // A read computes the page again, to the bytes on disk, and nothing above it.
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        Assert.Equal(File.ReadAllBytes(Path.Combine(_output, entry.Path)), output.Value);
        Assert.Equal(
            ["Site[site].BodySource[content/blog/b.md]", "Site[site].Output[" + entry.Key + "]", "Site[site].Rendered[content/blog/b.md]"],
            log.Memos.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_new_process_with_a_later_clock_checks_each_date_once_and_rebuilds_nothing()
    {
        BuildInNewProcess();
        BuildReport later = BuildInNewProcess(s_now.AddDays(3));
        Assert.Empty(later.Written);
        string[] executed = LastLog.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(executed);
        Assert.All(executed, line => Assert.Contains(".IsDue[", line, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_process_whose_clock_passes_a_page_date_publishes_it_like_a_cold_build()
    {
        File.WriteAllText(Path.Combine(_site.Root, "content/blog/c.md"), "---\ntitle: C\ndate: 2025-01-02\ntags: [go]\n---\nC body.");
        BuildInNewProcess();
        Assert.False(File.Exists(Path.Combine(_output, "blog/c/index.html")));

        DateTimeOffset later = s_now.AddDays(3);
        BuildReport report = BuildInNewProcess(later);
        Assert.Contains("blog/c/index.html", report.Written);

        BuildTests.AssertEqualsColdBuild(_site.Root, _output, new BuildOptions(Now: later), succeeds: false);
    }
}
