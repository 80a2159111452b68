using Adaptive.Core;
using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Runtime;

/// <summary>
/// A generated <c>[Memo]</c> property read against a hand-written <see cref="Memo{T}.Value"/>
/// read of the same computation (target: within 1.2×), and keyed hits of generated methods
/// (target: no allocation). This project references only Adaptive.Core: the generator comes
/// with it.
/// </summary>
[MemoryDiagnoser]
public partial class GeneratedMemoBenchmarks
{
    private Page _page = null!;
    private Memo<int> _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rt = new AdaptiveRuntime();
        Ref<string> source = rt.Ref("Hello adaptive world", "source");
        _page = new Page(rt, source);
        _handWritten = rt.Memo(source, static s => s.Value.Length, "handWritten");
        _ = _page.Length;
        _ = _handWritten.Value;
        _ = _page.Word(1);
        _ = _page.Slice(0, 5);
    }

    [Benchmark(Baseline = true, Description = "hand-written Memo<T>.Value")]
    public int HandWritten() => _handWritten.Value;

    [Benchmark(Description = "generated [Memo] property")]
    public int Generated() => _page.Length;

    [Benchmark(Description = "generated [Memo] method, keyed hit (int)")]
    public string KeyedHit() => _page.Word(1);

    [Benchmark(Description = "generated [Memo] method, keyed hit ((int, int))")]
    public string KeyedTupleHit() => _page.Slice(0, 5);

    public sealed partial class Page(AdaptiveRuntime runtime, Ref<string> source) : AdaptiveObject(runtime)
    {
        [Memo] public partial int Length { get; }

        [Memo] public partial string Word(int index);

        [Memo] public partial string Slice(int start, int length);

        private int ComputeLength() => source.Value.Length;

        private string ComputeWord(int index) => source.Value.Split(' ')[index];

        private string ComputeSlice(int start, int length) => source.Value.Substring(start, length);
    }
}
