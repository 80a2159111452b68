namespace Adaptive.Core.Tests;

/// <summary>
/// Chains of 100,000 memos, each reading the previous one, so that demanding the tail nests
/// 100,000 executions through user code: any depth that fits in memory works — cold reads,
/// updates, dependency recording, cycles and cached exceptions — because the runtime continues
/// on a fresh thread with a large stack when the current one runs low (Roslyn's StackGuard).
/// </summary>
public sealed class DeepChainTests : IDisposable
{
    private const int Depth = 100_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-deep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_chain_of_100000_memos_reads_cold_from_its_tail_and_updates_through_its_head()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> head = rt.Ref(0, "head");
        Memo<int>[] chain = Chain(rt, head, Depth);

        Assert.Equal(Depth, chain[^1].Value);
        Assert.Equal(Depth, rt.Stats.Executions);
        Assert.Equal([chain[^2]], chain[^1].Dependencies);
        Assert.Equal([head], chain[0].Dependencies);

        RuntimeStats before = rt.Stats;
        head.Value = 7;
        Assert.Equal(Depth + 7, chain[^1].Value);
        Assert.Equal(Depth, (rt.Stats - before).Executions);

        // Reading from the middle first, then the tail, works the same way.
        head.Value = 8;
        Assert.Equal((Depth / 2) + 8, chain[(Depth / 2) - 1].Value);
        Assert.Equal(Depth + 8, chain[^1].Value);
    }

    [Fact]
    public void A_keyed_chain_records_its_dependencies_at_any_depth()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> head = rt.Ref(1, "head");
        MemoTable<int, long> table = null!;
        table = rt.MemoTable<int, long>(k => k == 0 ? head.Value : table[k - 1] + k, "sum");

        long expected = 1 + ((long)(Depth - 1) * Depth / 2);
        Assert.Equal(expected, table[Depth - 1]);
        head.Value = 2;
        Assert.Equal(expected + 1, table[Depth - 1]);
        Assert.Equal(Depth * 2, rt.Stats.Executions);
    }

    [Fact]
    public void A_cycle_through_100000_memos_is_reported_and_repaired()
    {
        var rt = new AdaptiveRuntime();
        Ref<bool> closed = rt.Ref(true, "closed");
        var chain = new Memo<int>[Depth];
        chain[0] = rt.Memo(() => closed.Value ? chain[^1].Value : 0, "c0");
        for (int i = 1; i < Depth; i++)
        {
            Memo<int> previous = chain[i - 1];
            chain[i] = rt.Memo(previous, static p => p.Value + 1, "c" + i);
        }

        CycleException cycle = Assert.Throws<CycleException>(() => chain[^1].Value);
        Assert.Equal(Depth, cycle.Cycle.Count);
        Assert.Equal("c0", cycle.Cycle[0]);
        Assert.True(cycle.Message.Length < 2_000, "the message names the ends of a long cycle, not all of it");

        closed.Value = false;
        Assert.Equal(Depth - 1, chain[^1].Value);
    }

    [Fact]
    public void An_exception_at_the_head_is_cached_along_100000_memos_and_repaired_by_a_change()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> input = rt.Ref(-1, "input");
        Memo<int> head = rt.Memo(() => input.Value >= 0 ? input.Value : throw new ArgumentOutOfRangeException(nameof(input), "negative"), "head");
        var chain = new Memo<int>[Depth];
        chain[0] = head;
        for (int i = 1; i < Depth; i++)
        {
            chain[i] = rt.Memo(chain[i - 1], static p => p.Value + 1, "c" + i);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => chain[^1].Value);
        RuntimeStats before = rt.Stats;
        Assert.Throws<ArgumentOutOfRangeException>(() => chain[^1].Value); // cached: nothing runs
        Assert.Equal(0, (rt.Stats - before).Executions);

        input.Value = 3;
        Assert.Equal(Depth + 2, chain[^1].Value);
    }

    [Fact]
    public void A_new_process_adopts_a_chain_of_100000_persisted_memos()
    {
        string path = Path.Combine(_dir, "trace.db");
        for (int process = 0; process < 2; process++)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
            var rt = new AdaptiveRuntime(store);
            Ref<int> head = rt.Ref(0, "head");
            Memo<int>[] chain = Chain(rt, head, Depth);
            Assert.Equal(Depth, chain[^1].Value);
            Assert.Equal(process == 0 ? Depth : 0, rt.Stats.Executions);
            Assert.Equal(process == 0 ? 0 : Depth, rt.Stats.Reused);
            rt.SaveTrace();
        }
    }

    private static Memo<int>[] Chain(AdaptiveRuntime rt, Ref<int> head, int depth)
    {
        var chain = new Memo<int>[depth];
        chain[0] = rt.Memo(head, static h => h.Value + 1, "c0");
        for (int i = 1; i < depth; i++)
        {
            chain[i] = rt.Memo(chain[i - 1], static p => p.Value + 1, "c" + i);
        }

        return chain;
    }
}
