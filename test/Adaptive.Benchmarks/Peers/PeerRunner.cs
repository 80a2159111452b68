using System.Diagnostics;
using System.Globalization;
using Adaptive.Core;

namespace Adaptive.Benchmarks.Peers;

/// <summary>
/// Times the peer shapes the way peer-bench.mjs does (one untimed warm-up run for (a) and (b),
/// medians of RUNS runs, a fresh graph per (c) run) and prints lines in the same format, so
/// scripts/bench-peers.sh can put the two side by side. Every run checks its results: the
/// values, the number of executions, and for (c) the checksums of the JavaScript run.
/// </summary>
internal static class PeerRunner
{
    private const long ColdSinkSum = -22212160501;
    private const long ColdExecutions = 1_000_000;
    private const long UpdateSinkSum = 1584527097;
    private const long UpdateExecutions = 784_116;

    public static int Run(TextWriter output, int runs, string[] shapes)
    {
        output.WriteLine($"dotnet {Environment.Version}; adaptive; runs={runs}; server gc={System.Runtime.GCSettings.IsServerGC}");
        if (shapes.Contains("a"))
        {
            var chain = new PeerShapes.Chain();
            List<double> times = Repeat(runs, chain.Runtime, PeerShapes.Iterations * (long)PeerShapes.Width, () =>
            {
                for (int i = 0; i < PeerShapes.Iterations; i++)
                {
                    chain.Step();
                }
            });
            output.WriteLine($"adaptive (a) chain 1000 x 10000 updates: median {Fmt(Median(times))} ms  [runs: {string.Join(", ", times.Select(Fmt))}]");
        }

        if (shapes.Contains("b"))
        {
            var fan = new PeerShapes.Fan();
            List<double> times = Repeat(runs, fan.Runtime, PeerShapes.Iterations * (long)(PeerShapes.Width + 1), () =>
            {
                for (int i = 0; i < PeerShapes.Iterations; i++)
                {
                    fan.Step();
                }
            });
            output.WriteLine($"adaptive (b) fan 1000+sum x 10000 updates: median {Fmt(Median(times))} ms  [runs: {string.Join(", ", times.Select(Fmt))}]");
        }

        if (shapes.Contains("c"))
        {
            var build = new List<double>();
            var cold = new List<double>();
            var update = new List<double>();
            var heap = new List<double>();
            for (int r = 0; r < runs; r++)
            {
                (double b, double c, double u, double h) = RunDag();
                build.Add(b);
                cold.Add(c);
                update.Add(u);
                heap.Add(h);
            }

            output.WriteLine(
                $"adaptive (c) 1M DAG: build median {Fmt(Median(build))} ms [{string.Join(", ", build.Select(Fmt))}]; " +
                $"cold read-all median {Fmt(Median(cold))} ms [{string.Join(", ", cold.Select(Fmt))}] ({ColdExecutions} recomputes, sink sum {ColdSinkSum}); " +
                $"update+read 1% sinks median {Fmt(Median(update))} ms [{string.Join(", ", update.Select(Fmt))}] ({UpdateExecutions} recomputes, 10-sink sum {UpdateSinkSum}); " +
                $"heap growth after cold read: median {Fmt(Median(heap))} MB [{string.Join(", ", heap.Select(Fmt))}] ({Fmt(Median(heap) * 1048576 / 1_000_000)} bytes per memo)");
        }

        return 0;
    }

    private static List<double> Repeat(int runs, AdaptiveRuntime runtime, long expectedExecutions, Action run)
    {
        run(); // warm-up
        var times = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            RuntimeStats before = runtime.Stats;
            long start = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            long executions = (runtime.Stats - before).Executions;
            PeerShapes.Check(executions == expectedExecutions, $"executions {executions} != {expectedExecutions}");
        }

        return times;
    }

    private static (double Build, double Cold, double Update, double HeapMb) RunDag()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heap0 = GC.GetTotalMemory(forceFullCollection: true);

        long start = Stopwatch.GetTimestamp();
        var dag = new PeerShapes.Dag();
        double build = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        RuntimeStats before = dag.Runtime.Stats;
        start = Stopwatch.GetTimestamp();
        dag.ReadAll();
        double cold = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        long coldExecutions = (dag.Runtime.Stats - before).Executions;
        long coldSum = dag.SinkSum();
        PeerShapes.Check(coldExecutions == ColdExecutions, $"cold executions {coldExecutions}");
        PeerShapes.Check(coldSum == ColdSinkSum, $"cold sink sum {coldSum}");

        double heapMb = (GC.GetTotalMemory(forceFullCollection: true) - heap0) / 1048576.0;

        before = dag.Runtime.Stats;
        start = Stopwatch.GetTimestamp();
        long updateSum = dag.Update();
        double update = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        long updateExecutions = (dag.Runtime.Stats - before).Executions;
        PeerShapes.Check(updateExecutions == UpdateExecutions, $"update executions {updateExecutions}");
        PeerShapes.Check(updateSum == UpdateSinkSum, $"update sink sum {updateSum}");
        GC.KeepAlive(dag);
        return (build, cold, update, heapMb);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Fmt(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
