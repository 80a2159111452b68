using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Peers;

/// <summary>Shapes (a) and (b) of ../shared/bench: one operation is one iteration of the peer
/// script (write the input, read the sink; 1,000 and 1,001 executions).</summary>
[MemoryDiagnoser]
public class PeerShapeBenchmarks
{
    private PeerShapes.Chain _chain = null!;
    private PeerShapes.Fan _fan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = new PeerShapes.Chain();
        _fan = new PeerShapes.Fan();
    }

    [Benchmark(Description = "(a) chain 1000: set + read tail")]
    public int Chain() => _chain.Step();

    [Benchmark(Description = "(b) fan 1000 + sum: set + read sum")]
    public int Fan() => _fan.Step();
}

/// <summary>Shape (c), the 1,000,000-memo DAG, phase by phase; each invocation gets a fresh
/// graph in the state the phase starts from.</summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class DagBenchmarks
{
    private PeerShapes.Dag? _dag;

    [IterationSetup(Targets = [nameof(ColdRead)])]
    public void BuildOnly() => _dag = new PeerShapes.Dag();

    [IterationSetup(Targets = [nameof(Update)])]
    public void BuildAndRead()
    {
        _dag = new PeerShapes.Dag();
        _dag.ReadAll();
    }

    [IterationCleanup]
    public void Drop() => _dag = null;

    [Benchmark(Description = "(c) build 1M memos")]
    public object Build() => new PeerShapes.Dag();

    [Benchmark(Description = "(c) cold read of 1M memos")]
    public void ColdRead() => _dag!.ReadAll();

    [Benchmark(Description = "(c) update S[0] + read 10 sinks")]
    public long Update() => _dag!.Update();
}
