using Adaptive.Core;
using BenchmarkDotNet.Attributes;

namespace Adaptive.Benchmarks.Runtime;

/// <summary>
/// The costs every demand pays: an untracked read of an up-to-date memo (target ≤ 5 ns, no
/// allocation), a keyed-memo hit, a tracked read inside an execution, and a re-verification that
/// finds nothing changed (no allocation). A plain field read is listed for scale.
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private readonly AdaptiveRuntime _rt = new();
    private Ref<int> _input = null!;
    private Memo<int> _memo = null!;
    private Memo<int> _verifyOnly = null!;
    private Memo<int> _readsTwenty = null!;
    private MemoTable<int, int> _table = null!;
    private Holder _holder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = _rt.Ref(1, "input");
        _memo = _rt.Memo(_input, static i => i.Value * 2, "memo");
        _verifyOnly = _rt.Memo(_memo, static m => m.Value + 1, "verifyOnly");
        var memos = new Memo<int>[20];
        for (int i = 0; i < memos.Length; i++)
        {
            memos[i] = _rt.Memo((_input, i), static s => s._input.Value + s.i);
        }

        _readsTwenty = _rt.Memo(memos, static all =>
        {
            int sum = 0;
            foreach (Memo<int> m in all)
            {
                sum += m.Value;
            }

            return sum;
        }, "readsTwenty");
        _table = _rt.MemoTable<int, int>(k => k * 3, "table");
        _ = _memo.Value;
        _ = _verifyOnly.Value;
        _ = _readsTwenty.Value;
        _ = _table[7];
        _holder = new Holder { Value = 2 };
    }

    [Benchmark(Description = "field read (for scale)")]
    public int FieldRead() => _holder.Value;

    [Benchmark(Description = "cached memo read, untracked")]
    public int CachedRead() => _memo.Value;

    [Benchmark(Description = "keyed memo hit, untracked")]
    public int KeyedHit() => _table[7];

    /// <summary>1 → 2 → 1 with no demand between: the reader verifies (its edge is not stale)
    /// without executing anything.</summary>
    [Benchmark(Description = "change and change back, re-verify (no execution)")]
    public int ReverifyNothingChanged()
    {
        _input.Value = 2;
        _input.Value = 1;
        return _verifyOnly.Value;
    }

    /// <summary>One input change re-executing 20 memos and their reader: 20 tracked reads.</summary>
    [Benchmark(Description = "change, 21 executions with 20 tracked reads")]
    public int TrackedReads()
    {
        _input.Value++;
        return _readsTwenty.Value;
    }

    private sealed class Holder
    {
        public int Value;
    }
}
