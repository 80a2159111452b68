using System.Globalization;
using Adaptive.Site;

namespace Adaptive.Bench;

/// <summary>
/// What highlighting fenced code cost one cold build of a corpus: <c>adapt bench</c> measures it
/// in the in-process cold build every cell is checked against (no trace; the first highlighting
/// in the bench's process, so it includes loading the grammars, as a cold <c>adapt build</c>
/// does). The time is measured directly, inside the executions of <c>Site.Highlighted</c>, and
/// compared with the CPU time of the same build: a ratio within one build, which a noisy machine
/// disturbs less than the difference of two builds would. Not counted: what the highlighted HTML
/// costs downstream (larger pages to write and link-check) and the memo reads of repeated blocks.
/// </summary>
/// <param name="Scenario">The corpus scenario.</param>
/// <param name="Pages">The corpus's regular pages.</param>
/// <param name="Blocks">Fenced blocks with a language that rendering asked for.</param>
/// <param name="DistinctBlocks">Distinct (language, code) pairs among them: blocks highlighted.</param>
/// <param name="Ms">Time inside the highlighting, summed over threads.</param>
/// <param name="ColdMs">The build's wall time.</param>
/// <param name="ColdCpuMs">The process's CPU time during the build.</param>
internal sealed record HighlightCost(string Scenario, int Pages, long Blocks, long DistinctBlocks, double Ms, double ColdMs, double ColdCpuMs)
{
    /// <summary>Highlighting time per regular page.</summary>
    public double MsPerPage => Pages == 0 ? 0 : Ms / Pages;

    /// <summary>Highlighting time as a fraction of the build's CPU time (both summed over threads).</summary>
    public double ShareOfColdCpu => ColdCpuMs <= 0 ? 0 : Ms / ColdCpuMs;

    /// <summary>Builds <paramref name="site"/> cold into <paramref name="output"/> in this process,
    /// measuring what highlighting cost; returns the output's tree hash with it.</summary>
    public static (string Hash, HighlightCost Cost) ColdBuild(string site, string output, string scenario, int pages, DateTimeOffset now)
    {
        HighlightCost cost;
        using (var builder = new SiteBuilder(site, output, new BuildOptions(Now: now)))
        {
            TimeSpan cpu = Environment.CpuUsage.TotalTime;
            var clock = BenchRunner.Clock();
            builder.Build();
            double wallMs = clock.Elapsed.TotalMilliseconds;
            double cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            HighlightWork work = builder.Site.Logic.HighlightWork;
            cost = new HighlightCost(scenario, pages, work.Blocks, work.DistinctBlocks, work.Elapsed.TotalMilliseconds, wallMs, cpuMs);
        }

        // The graph is garbage now: give its memory back before a strategy runs (at 100,000
        // pages it is ~10 GB, and a live watch needs as much again).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (OutputTree.Hash(output), cost);
    }

    /// <summary>One line for the log and the Markdown report.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Highlighting (one cold in-process build, no trace): {Blocks:N0} fenced blocks, {DistinctBlocks:N0} distinct, highlighted in {Ms:F1} ms = {MsPerPage:F3} ms per page, {ShareOfColdCpu * 100:F1} % of the build's CPU time ({ColdCpuMs:F0} ms CPU, {ColdMs:F0} ms wall, {Pages:N0} pages).");
}
