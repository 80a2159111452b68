using Adaptive.Core;
using Xunit.Abstractions;

namespace Adaptive.Site.Tests;

/// <summary>The memory test runs alone: the managed heap is per process, and the other test
/// classes run in parallel in the same process.</summary>
[CollectionDefinition(nameof(PropagationMemoryTests), DisableParallelization = true)]
public sealed class PropagationMemoryCollection;

/// <summary>A long watch session: 10,000 propagations (an edit, an incremental build, a trace
/// save — what <c>adapt watch</c> does per batch) keep the managed heap bounded: nothing
/// accumulates per propagation.</summary>
[Collection(nameof(PropagationMemoryTests))]
public sealed class PropagationMemoryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int s_propagations =
        int.TryParse(Environment.GetEnvironmentVariable("ADAPT_PROPAGATIONS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 10_000;

    private readonly SiteFixture _site = new(
        [("adapt.yaml", "title: Long session\nbaseUrl: https://example.org/"),
         .. Enumerable.Range(0, 20).Select(i => ($"content/blog/p{i:D2}.md", $"---\ntitle: P{i}\ndate: 2024-01-{i + 1:D2}\ntags: [t{i % 3}]\n---\nBody {i}."))]);

    private readonly string _output = Directory.CreateTempSubdirectory("adapt-memory-out-").FullName;

    public void Dispose()
    {
        _site.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Ten_thousand_propagations_keep_memory_bounded()
    {
        string trace = Path.Combine(_site.Root, ".adapt", "trace.db");
        Directory.CreateDirectory(Path.GetDirectoryName(trace)!);
        using LiteDbTraceStore store = LiteDbTraceStore.Open(trace);
        using var builder = new SiteBuilder(_site.Root, _output, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), store);
        builder.Build();
        long warm = 0;
        long executions = 0;
        int checkpoint = Math.Max(1, s_propagations / 10);
        for (int i = 1; i <= s_propagations; i++)
        {
            string page = $"content/blog/p{i % 20:D2}.md";
            File.WriteAllText(Path.Combine(_site.Root, page), $"---\ntitle: P{i % 20}\ndate: 2024-01-{(i % 20) + 1:D2}\ntags: [t{i % 20 % 3}]\n---\nEdit {i}.");
            builder.Site.Refresh(page);
            BuildReport report = builder.Build(rescan: false);
            Assert.Contains($"blog/p{i % 20:D2}/index.html", report.Written); // and the lists and feeds that show its summary
            executions += report.Work.Executions;
            if (i == checkpoint)
            {
                warm = Heap();
                output.WriteLine($"after {i:N0} propagations: {warm / 1024.0:N0} KiB managed heap");
            }
        }

        long final = Heap();
        output.WriteLine($"after {s_propagations:N0} propagations: {final / 1024.0:N0} KiB managed heap ({(double)final / warm:F2}× the first checkpoint); {executions / (double)s_propagations:F1} memos executed per propagation");
        Assert.True(final <= (warm * 1.2) + (2 << 20), $"the heap grew from {warm:N0} to {final:N0} bytes over {s_propagations:N0} propagations");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
