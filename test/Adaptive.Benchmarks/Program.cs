using Adaptive.Benchmarks.Peers;
using BenchmarkDotNet.Running;

// `peers [RUNS]`: the peer-benchmark shapes timed like ../shared/bench/peer-bench.mjs (for
// scripts/bench-peers.sh). Anything else goes to BenchmarkDotNet, e.g. `--filter *Read*`.
if (args.Length > 0 && args[0] == "peers")
{
    int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    string shapes = Environment.GetEnvironmentVariable("SHAPES") ?? "a,b,c";
    return PeerRunner.Run(Console.Out, runs, shapes.Split(','));
}

// `trace [RUNS]`: the persisted trace at the size of a 10,000-page site (issue #4's targets).
if (args.Length > 0 && args[0] == "trace")
{
    int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return Adaptive.Benchmarks.Trace.TraceRunner.Run(Console.Out, runs);
}

// `site [PAGES] [RUNS]`: a generated site built in this process (issue #5's design targets).
if (args.Length > 0 && args[0] == "site")
{
    int pages = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9;
    return Adaptive.Benchmarks.Site.SiteRunner.Run(Console.Out, pages, runs);
}

// `strategies [PAGES]`: adaptive vs phased incremental vs phased full, per kind of edit.
if (args.Length > 0 && args[0] == "strategies")
{
    int pages = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
    return Adaptive.Benchmarks.Site.StrategyRunner.Run(Console.Out, pages);
}

BenchmarkSwitcher.FromAssembly(typeof(PeerRunner).Assembly).Run(args);
return 0;
