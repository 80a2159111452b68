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

    private string TracePath => Path.Combine(_site.Root, ".adapt", "trace.db");

    private BuildReport BuildInNewProcess()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TracePath)!);
        using SqliteTraceStore store = SqliteTraceStore.Open(TracePath);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: s_now), store);
        using ExecutionLog log = builder.Runtime.RecordExecutions();
        BuildReport report = builder.Build();
        LastLog = string.Join("\n", log.Memos.Select(m => m.Name + " <- " + ((Memo)m).LastExecution));
        return report;
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
        Assert.True(report.Work.Executions < 15, report.Work.ToString());

        string cold = Directory.CreateTempSubdirectory("adapt-trace-cold-").FullName;
        using (var fresh = new SiteBuilder(_site.Root, cold, new BuildOptions(Now: s_now)))
        {
            fresh.Build();
        }

        BuildTests.AssertSameTree(cold, _output);
    }
}
