using System.Diagnostics;
using System.Globalization;
using Adaptive.Core;

namespace Adaptive.Benchmarks.Trace;

/// <summary>
/// Measures the persisted trace on <see cref="TraceScenario"/> (issue #4's targets): a new
/// process's open + verify with no changes, a save after a one-input edit, and the store's size
/// against the total size of the stored values. Medians of RUNS.
/// </summary>
internal static class TraceRunner
{
    public static int Run(TextWriter output, int runs)
    {
        string dir = Directory.CreateTempSubdirectory("adapt-trace-bench-").FullName;
        string path = Path.Combine(dir, "trace.db");
        try
        {
            long valueBytes = 0;
            long start = Stopwatch.GetTimestamp();
            using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
            {
                TraceScenario cold = TraceScenario.Build(store);
                cold.Outputs.Stabilize();
                foreach (Memo memo in cold.Outputs.Memos)
                {
                    _ = ((Memo<string>)memo).Value;
                }

                cold.Runtime.SaveTrace();
                foreach (StoredMemo memo in store.Load().Memos)
                {
                    valueBytes += store.ReadValue(memo.Key)!.Length;
                }
            }

            double coldMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string log = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
            long size = new FileInfo(path).Length + (File.Exists(log) ? new FileInfo(log).Length : 0);

            var open = new List<double>();
            var save = new List<double>();
            var phases = new List<string>();
            int[] versions = new int[TraceScenario.Pages];
            for (int r = 0; r < runs + 1; r++)
            {
                GC.Collect();
                start = Stopwatch.GetTimestamp();
                using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
                double storeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                TraceScenario warm = TraceScenario.Build(store, versions);
                double buildMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                IReadOnlyList<Memo> changed = warm.Outputs.Stabilize();
                double openMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                phases.Add($"open store {Fmt(storeMs)} + load and build graph {Fmt(buildMs - storeMs)} + verify {Fmt(openMs - buildMs)}");
                Check(warm.Runtime.Stats.Executions == 0, "no-change verification executed memos");
                Check(changed.Count == TraceScenario.Pages, "every output reported once");

                int edited = r % TraceScenario.Pages;
                versions[edited] = r + 1;
                warm.Sources[edited].Value = TraceScenario.Source(edited, versions[edited]);
                warm.Outputs.Stabilize();
                start = Stopwatch.GetTimestamp();
                TraceSaveResult saved = warm.Runtime.SaveTrace();
                double saveMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Check(saved.Written == TraceScenario.MemosPerPage + 1, $"one edit writes one page's memos and its input ({saved.Written})");
                if (r > 0)
                {
                    open.Add(openMs);
                    save.Add(saveMs);
                }
            }

            output.WriteLine($"trace: {TraceScenario.Pages} inputs, {TraceScenario.Pages * TraceScenario.MemosPerPage} memos; cold build + save {Fmt(coldMs)} ms");
            output.WriteLine($"trace open + verify, no changes: median {Fmt(Median(open))} ms [{string.Join(", ", open.Select(Fmt))}]");
            output.WriteLine("  phases: " + string.Join("; ", phases.Skip(1)));
            using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
            {
                var loads = new List<double>();
                for (int i = 0; i < 3; i++)
                {
                    start = Stopwatch.GetTimestamp();
                    store.Load();
                    loads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                output.WriteLine($"  store load alone: {string.Join(", ", loads.Select(Fmt))} ms");
            }

            output.WriteLine($"trace save after one input edit: median {Fmt(Median(save))} ms [{string.Join(", ", save.Select(Fmt))}]");
            output.WriteLine($"trace size {size / 1024} KiB, stored values {valueBytes / 1024} KiB: {(double)size / valueBytes:F2}x");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("trace benchmark check failed: " + what);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Fmt(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
