using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Adaptive.Bench;

/// <summary>
/// Writes a bench run: <c>results.json</c> (every run), <c>results.csv</c> (one row per cell),
/// <c>results.md</c> (tables, the reference orchestrator's success metrics, the targets) and SVG
/// charts (<c>time.svg</c>, <c>work.svg</c>, <c>scaling.svg</c>).
/// </summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(string folder, string machine, IReadOnlyList<BenchCell> cells, IReadOnlyList<BenchCell> scaling, string command, HighlightCost? highlight = null)
    {
        Directory.CreateDirectory(folder);
        string date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(new
        {
            machine,
            date,
            command,
            cells = cells.Concat(scaling).Select(c => new
            {
                c.Scenario, c.Pages, c.Strategy, c.Edit, c.Correct, medianMs = c.Median, minMs = c.Min, maxMs = c.Max, cpuMs = c.CpuMs,
                peakBytes = c.PeakBytes, memosExecuted = c.MemosExecuted, memosReused = c.MemosReused, pagesRendered = c.Rendered,
                filesWritten = c.Written, traceBytes = c.TraceBytes, runs = c.Runs,
            }),
            highlight = highlight is null ? null : new
            {
                highlight.Scenario, highlight.Pages, highlight.Blocks, highlight.DistinctBlocks, highlight.Ms, highlight.MsPerPage,
                coldMs = highlight.ColdMs, coldCpuMs = highlight.ColdCpuMs, shareOfColdCpu = highlight.ShareOfColdCpu,
            },
        }, s_json));

        var csv = new StringBuilder("scenario,pages,strategy,edit,correct,median_ms,min_ms,max_ms,cpu_ms,peak_mb,memos_executed,memos_reused,pages_rendered,files_written,trace_kb\n");
        foreach (BenchCell c in cells.Concat(scaling))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.Scenario},{c.Pages},{c.Strategy},{c.Edit},{c.Correct},{c.Median:F2},{c.Min:F2},{c.Max:F2},{c.CpuMs:F1},{c.PeakBytes / 1048576.0:F0},{c.MemosExecuted},{c.MemosReused},{c.Rendered},{c.Written},{c.TraceBytes / 1024}\n");
        }

        File.WriteAllText(Path.Combine(folder, "results.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "results.md"), Markdown(machine, date, command, cells, scaling, highlight));
        if (cells.Count > 0)
        {
            File.WriteAllText(Path.Combine(folder, "time.svg"), SvgChart.Bars("Wall time per edit and strategy (ms, log scale)", cells, c => c.Median, "ms"));
            File.WriteAllText(Path.Combine(folder, "work.svg"), SvgChart.Bars("Work done: outputs rendered per edit and strategy (log scale)", cells, c => c.Rendered, "outputs"));
        }

        if (scaling.Count > 0)
        {
            File.WriteAllText(Path.Combine(folder, "scaling.svg"), SvgChart.Scaling("Cold build and body edit against pages (api scenario, log–log)", scaling));
        }
    }

    private static string Markdown(string machine, string date, string command, IReadOnlyList<BenchCell> cells, IReadOnlyList<BenchCell> scaling, HighlightCost? highlight)
    {
        var md = new StringBuilder();
        md.Append("# Benchmark results\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Machine: {machine}. Date: {date}. Command: `{command}`.\n\n");
        foreach (IGrouping<(string Scenario, int Pages), BenchCell> scenario in cells.GroupBy(c => (c.Scenario, c.Pages)))
        {
            string[] strategies = [.. scenario.Select(c => c.Strategy).Distinct()];
            md.Append(CultureInfo.InvariantCulture, $"## {scenario.Key.Scenario}, {scenario.Key.Pages:N0} pages\n\n");
            md.Append("Median wall time in ms [min–max]; ✗ marks a cell whose output differed from a cold build.\n\n");
            md.Append("| edit | ").Append(string.Join(" | ", strategies)).Append(" |\n|---|").Append(string.Concat(strategies.Select(_ => "---|"))).Append('\n');
            foreach (string edit in scenario.Select(c => c.Edit).Distinct())
            {
                md.Append("| ").Append(edit).Append(" |");
                foreach (string strategy in strategies)
                {
                    BenchCell? cell = scenario.FirstOrDefault(c => c.Strategy == strategy && c.Edit == edit);
                    md.Append(' ').Append(cell is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{(cell.Correct ? string.Empty : "✗ ")}{cell.Median:F1} [{cell.Min:F1}–{cell.Max:F1}]")).Append(" |");
                }

                md.Append('\n');
            }

            md.Append("\nWork per cell: outputs rendered / memos executed / memos reused / files written · CPU ms · peak MB · state on disk KB\n\n");
            md.Append("| edit | ").Append(string.Join(" | ", strategies)).Append(" |\n|---|").Append(string.Concat(strategies.Select(_ => "---|"))).Append('\n');
            foreach (string edit in scenario.Select(c => c.Edit).Distinct())
            {
                md.Append("| ").Append(edit).Append(" |");
                foreach (string strategy in strategies)
                {
                    BenchCell? c = scenario.FirstOrDefault(x => x.Strategy == strategy && x.Edit == edit);
                    md.Append(' ').Append(c is null ? "—" : string.Create(CultureInfo.InvariantCulture,
                        $"{c.Rendered:N0} / {c.MemosExecuted:N0} / {c.MemosReused:N0} / {c.Written:N0} · {c.CpuMs:F0} · {c.PeakBytes / 1048576.0:F0} · {c.TraceBytes / 1024:N0}")).Append(" |");
                }

                md.Append('\n');
            }

            if (highlight is not null && highlight.Scenario == scenario.Key.Scenario && highlight.Pages == scenario.Key.Pages)
            {
                md.Append('\n').Append(highlight.Describe()).Append('\n');
            }

            md.Append('\n').Append(ReferenceMetrics(scenario.ToList()));
            md.Append(Targets(scenario.Key.Scenario, scenario.Key.Pages, scenario.ToList()));
        }

        if (scaling.Count > 0)
        {
            md.Append("## Scaling (api scenario)\n\nMedian ms.\n\n| pages | ");
            var rows = scaling.Select(c => c.Strategy + " " + c.Edit).Distinct().ToList();
            md.Append(string.Join(" | ", rows)).Append(" |\n|---|").Append(string.Concat(rows.Select(_ => "---|"))).Append('\n');
            foreach (int pages in scaling.Select(c => c.Pages).Distinct())
            {
                md.Append(CultureInfo.InvariantCulture, $"| {pages:N0} |");
                foreach (string row in rows)
                {
                    BenchCell? c = scaling.FirstOrDefault(x => x.Pages == pages && x.Strategy + " " + x.Edit == row);
                    md.Append(' ').Append(c is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{(c.Correct ? string.Empty : "✗ ")}{c.Median:F1}")).Append(" |");
                }

                md.Append('\n');
            }

            md.Append('\n').Append(ScalingTargets(scaling));
        }

        return md.ToString();
    }

    /// <summary>The reference orchestrator's success metrics, with this run's figures.</summary>
    private static string ReferenceMetrics(List<BenchCell> cells)
    {
        double Get(string strategy, string edit) => cells.FirstOrDefault(c => c.Strategy == strategy && c.Edit == edit)?.Median ?? double.NaN;
        long Peak(string strategy) => cells.Where(c => c.Strategy == strategy).Select(c => c.PeakBytes).DefaultIfEmpty().Max();
        var md = new StringBuilder("The reference orchestrator's success metrics (targets: cold < 2.0 s at 200 pages, one page < 0.3 s, template < 1.0 s, memory at 5K pages ~400 MB):\n\n");
        md.Append("| metric | adaptive (live) | adaptive (new process) | phased incremental | phased full |\n|---|---|---|---|---|\n");
        md.Append(CultureInfo.InvariantCulture, $"| cold build | {Get("adaptive-live", "cold"):F0} ms | {Get("adaptive-new-process", "cold"):F0} ms | {Get("phased-incremental", "cold"):F0} ms | {Get("phased-full", "cold"):F0} ms |\n");
        md.Append(CultureInfo.InvariantCulture, $"| incremental, single page | {Get("adaptive-live", "body edit"):F1} ms | {Get("adaptive-new-process", "body edit"):F0} ms | {Get("phased-incremental", "body edit"):F0} ms | {Get("phased-full", "body edit"):F0} ms |\n");
        md.Append(CultureInfo.InvariantCulture, $"| incremental, template | {Get("adaptive-live", "template edit"):F1} ms | {Get("adaptive-new-process", "template edit"):F0} ms | {Get("phased-incremental", "template edit"):F0} ms | {Get("phased-full", "template edit"):F0} ms |\n");
        md.Append(CultureInfo.InvariantCulture, $"| peak memory | {Peak("adaptive-live") / 1048576.0:F0} MB | {Peak("adaptive-new-process") / 1048576.0:F0} MB | {Peak("phased-incremental") / 1048576.0:F0} MB | {Peak("phased-full") / 1048576.0:F0} MB |\n\n");
        return md.ToString();
    }

    /// <summary>The targets of docs/design/benchmarks.md for the 10,000-page api scenario.</summary>
    private static string Targets(string scenario, int pages, List<BenchCell> cells)
    {
        if (scenario != "api")
        {
            return string.Empty;
        }

        double Get(string strategy, string edit) => cells.FirstOrDefault(c => c.Strategy == strategy && c.Edit == edit)?.Median ?? double.NaN;
        long peak = cells.Where(c => c.Strategy.StartsWith("adaptive", StringComparison.Ordinal)).Select(c => c.PeakBytes).DefaultIfEmpty().Max();
        double cold = Get("adaptive-new-process", "cold");
        var rows = new List<(string Target, double Value, double Limit, string Unit)>
        {
            ("adaptive cold ≤ 3 s", cold, 3000, "ms"),
            ("adaptive cold ≤ 1.10× phased full", cold / Get("phased-full", "cold"), 1.10, "×"),
            ("live body edit ≤ 5 ms", Get("adaptive-live", "body edit"), 5, "ms"),
            ("live body edit ≥ 100× faster than phased incremental (ratio ≤ 0.01)", Get("adaptive-live", "body edit") / Get("phased-incremental", "body edit"), 0.01, "×"),
            ("new-process build after one edit ≤ 0.4 s", Get("adaptive-new-process", "body edit"), 400, "ms"),
            ("no-op new-process build ≤ 0.25 s", Get("adaptive-new-process", "no-op"), 250, "ms"),
            ("template edit (10% of pages) ≤ 0.15× cold", Get("adaptive-live", "template edit") / cold, 0.15, "×"),
            ("peak memory ≤ 250 MB", peak / 1048576.0, 250, "MB"),
        };
        var md = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Targets ({pages:N0} pages):\n\n| target | measured | |\n|---|---|---|\n"));
        foreach ((string target, double value, double limit, string unit) in rows)
        {
            string verdict = double.IsNaN(value) ? "not measured" : value <= limit ? "met" : string.Create(CultureInfo.InvariantCulture, $"missed by {value / limit:F2}×");
            md.Append(CultureInfo.InvariantCulture, $"| {target} | {value:F3} {unit} | {verdict} |\n");
        }

        return md.Append('\n').ToString();
    }

    private static string ScalingTargets(IReadOnlyList<BenchCell> scaling)
    {
        double Get(int pages, string strategy, string edit) => scaling.FirstOrDefault(c => c.Pages == pages && c.Strategy == strategy && c.Edit == edit)?.Median ?? double.NaN;
        if (!scaling.Any(c => c.Pages == 10_000) || !scaling.Any(c => c.Pages == 100_000))
        {
            return string.Empty;
        }

        double cold = Get(100_000, "adaptive-new-process", "cold") / Get(10_000, "adaptive-new-process", "cold");
        double edit = Get(100_000, "adaptive-live", "body edit") / Get(10_000, "adaptive-live", "body edit");
        return string.Create(CultureInfo.InvariantCulture,
            $"100,000 vs 10,000 pages: cold {cold:F2}× (target ≤ 11×: {(cold <= 11 ? "met" : "missed")}), live body edit {edit:F2}× (target ≤ 1.5×: {(edit <= 1.5 ? "met" : "missed")}).\n\n");
    }
}
