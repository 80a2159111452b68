using System.Diagnostics;
using System.Globalization;
using Adaptive.Bench.Corpus;
using Adaptive.Site;

namespace Adaptive.Benchmarks.Site;

/// <summary>
/// `site [PAGES] [RUNS]`: builds a generated site of PAGES pages (default 10,000) in this process
/// and prints the cold build, a no-op build and a one-page body edit (from the write to the
/// written file, in the live process), with the memos executed and the peak working set.
/// Issue #5's design targets: cold ≤ 3 s, body edit ≤ 5 ms, ≤ 250 MB.
/// </summary>
internal static class SiteRunner
{
    public static int Run(TextWriter output, int pages, int runs)
    {
        string root = Directory.CreateTempSubdirectory("adapt-bench-site-").FullName;
        string public_ = Path.Combine(root, "public");
        try
        {
            string[] paths = Generate(root, pages).Pages;
            var clock = Stopwatch.StartNew();
            using var builder = new SiteBuilder(root, public_, new BuildOptions(Now: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            BuildReport cold = builder.Build();
            double coldMs = clock.Elapsed.TotalMilliseconds;
            Report(output, "cold", coldMs, cold);
            if (!cold.Succeeded)
            {
                output.WriteLine(string.Join("\n", cold.Diagnostics.Take(5)));
                return 1;
            }

            clock.Restart();
            BuildReport noop = builder.Build();
            Report(output, "no-op", clock.Elapsed.TotalMilliseconds, noop);

            var edits = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                string page = paths[run * 7 % paths.Length];
                string full = Path.Combine(root, page);
                File.AppendAllText(full, "\nAn edited paragraph, run " + run.ToString(CultureInfo.InvariantCulture) + ".\n");
                clock.Restart();
                builder.Site.Refresh(page);
                double refresh = clock.Elapsed.TotalMilliseconds;
                BuildReport edit = builder.Build(rescan: false);
                edits.Add(clock.Elapsed.TotalMilliseconds);
                if (Environment.GetEnvironmentVariable("ADAPT_BENCH_VERBOSE") == "1")
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  edit {run}: refresh {refresh:F2} ms, build {edit.Elapsed.TotalMilliseconds:F2} ms, {edit.Work}"));
                }
                if (run == runs - 1)
                {
                    Report(output, "body edit", Median(edits), edit);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  body edit over {runs} runs: median {Median(edits):F2} ms, min {edits.Min():F2} ms, max {edits.Max():F2} ms"));
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MB"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Report(TextWriter output, string name, double ms, BuildReport report) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-10} {ms,10:F1} ms   pages {report.Pages}, outputs {report.Outputs}, rendered {report.Rendered}, written {report.Written.Count}, executed {report.Work.Executions}, diagnostics {report.Diagnostics.Count}"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Generates the api corpus (the one <c>adapt gen</c> and <c>adapt bench</c> use) and
    /// returns its pages, relative to <paramref name="root"/>, in a stable order.
    /// <c>ADAPT_BENCH_LINKS</c> sets the link check (<c>off</c>, <c>warn</c>, <c>error</c>).</summary>
    internal static (CorpusInfo Corpus, string[] Pages) Generate(string root, int pages)
    {
        CorpusInfo corpus = CorpusGenerator.Generate(CorpusScenario.Api, root, pages);
        if (Environment.GetEnvironmentVariable("ADAPT_BENCH_LINKS") is { } links)
        {
            File.AppendAllText(Path.Combine(root, "adapt.yaml"), "build: { links: " + links + " }\n");
        }

        var paths = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "content"), "*.md", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) != "_index.md")
            {
                paths.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        paths.Sort(StringComparer.Ordinal);
        return (corpus, [.. paths]);
    }
}
