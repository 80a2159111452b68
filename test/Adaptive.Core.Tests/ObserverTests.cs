namespace Adaptive.Core.Tests;

/// <summary>Semantics 10: observation of outputs, and release of unobserved memos.</summary>
public sealed class ObserverTests
{
    private readonly AdaptiveRuntime _rt = new();

    [Fact]
    public void Stabilize_reports_new_memos_then_only_those_whose_value_changed()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Ref<int> b = _rt.Ref(1, "b");
        Memo<int> fromA = _rt.Memo(() => a.Value * 10, "fromA");
        Memo<bool> aIsOdd = _rt.Memo(() => a.Value % 2 == 1, "aIsOdd");
        Memo<int> fromB = _rt.Memo(() => b.Value * 10, "fromB");
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(fromA);
        outputs.Add(aIsOdd);
        outputs.Add(fromB);

        Assert.Equal(["fromA", "aIsOdd", "fromB"], outputs.Stabilize().Select(m => m.Name));
        Assert.Empty(outputs.Stabilize());

        a.Value = 3; // fromA changes, aIsOdd recomputes to the same value
        Assert.Equal(["fromA"], outputs.Stabilize().Select(m => m.Name));

        _rt.Batch(() =>
        {
            a.Value = 4;
            b.Value = 2;
        });
        Assert.Equal(["aIsOdd", "fromA", "fromB"], outputs.Stabilize().Select(m => m.Name).Order());
    }

    [Fact]
    public void Stabilize_in_parallel_reports_the_same_changes()
    {
        Ref<int> s = _rt.Ref(0, "s");
        using Observer outputs = _rt.CreateObserver();
        var memos = new List<Memo<int>>();
        for (int i = 0; i < 200; i++)
        {
            int k = i;
            Memo<int> m = _rt.Memo(() => (s.Value + k) / 100, "out" + k);
            memos.Add(m);
            outputs.Add(m);
        }

        Assert.Equal(200, outputs.Stabilize(maxDegreeOfParallelism: 4).Count);
        s.Value = 50; // (50 + k) / 100 differs from k / 100 for k in [50, 100) and [150, 200)
        IReadOnlyList<Memo> changed = outputs.Stabilize(maxDegreeOfParallelism: 4);
        IEnumerable<int> expected = Enumerable.Range(50, 50).Concat(Enumerable.Range(150, 50));
        Assert.Equal(expected.Select(k => "out" + k).Order(), changed.Select(m => m.Name).Order());
    }

    [Fact]
    public void Failing_output_is_reported_without_throwing()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> inverse = _rt.Memo(() => 100 / a.Value, "inverse");
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(inverse);
        outputs.Stabilize();
        a.Value = 0;
        Assert.Equal([inverse], outputs.Stabilize());
        Assert.Throws<DivideByZeroException>(() => inverse.Value);
    }

    [Fact]
    public void Release_unobserved_drops_dead_memos_and_table_keys()
    {
        Ref<int> config = _rt.Ref(1, "config");
        int executions = 0;
        MemoTable<string, int> page = _rt.MemoTable<string, int>(key =>
        {
            executions++;
            return key.Length * config.Value;
        }, "page");
        using Observer outputs = _rt.CreateObserver();
        Memo<int> kept = page.GetMemo("kept");
        outputs.Add(kept);
        outputs.Stabilize();
        Assert.Equal(4, page["gone"]);
        Assert.Equal(2, page.Count);
        Assert.Equal(2, config.SubscriberCount);

        Assert.Equal(1, _rt.ReleaseUnobserved());
        Assert.Equal(1, page.Count);
        Assert.Equal(1, config.SubscriberCount);
        Assert.Equal(ExecutionReasonKind.NotExecuted, ((Memo)page.GetMemo("gone")).LastExecution.Kind);

        executions = 0;
        Assert.Equal(4, kept.Value);
        Assert.Equal(0, executions);
        Assert.Equal(4, page["gone"]); // released memos recompute on demand
        Assert.Equal(1, executions);
    }

    [Fact]
    public void Release_keeps_memory_bounded_over_many_generations()
    {
        Ref<int> generation = _rt.Ref(0, "generation");
        MemoTable<int, int> page = _rt.MemoTable<int, int>(key => key + generation.Value, "page");
        Memo<int> total = _rt.Memo(() =>
        {
            int g = generation.Value, sum = 0;
            for (int i = 0; i < 100; i++)
            {
                sum += page[(g * 100) + i];
            }

            return sum;
        }, "total");
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(total);

        for (int g = 0; g < 50; g++)
        {
            generation.Value = g;
            outputs.Stabilize();
            _rt.ReleaseUnobserved();
            Assert.Equal(100, page.Count);
            Assert.Equal(101, generation.SubscriberCount);
        }
    }

    [Fact]
    public void Removed_memo_is_no_longer_reported()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = _rt.Memo(() => a.Value, "m");
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(m);
        outputs.Stabilize();
        Assert.True(outputs.Remove(m));
        Assert.False(outputs.Remove(m));
        a.Value = 2;
        Assert.Empty(outputs.Stabilize());
        Assert.Equal(0, outputs.Count);
    }

    [Fact]
    public void A_memo_removed_after_a_change_queued_it_is_not_computed_by_stabilize()
    {
        // A site's output that the edit stops producing: queued by the edit, removed before
        // the build stabilizes, never read again.
        var log = new NameLog();
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> kept = log.Memo(_rt, "kept", () => a.Value);
        Memo<int> gone = log.Memo(_rt, "gone", () => a.Value * 2);
        using Observer outputs = _rt.CreateObserver();
        outputs.Add(kept);
        outputs.Add(gone);
        outputs.Stabilize();
        log.Take();

        a.Value = 2;
        Assert.True(outputs.Remove(gone));
        Assert.Equal(["kept"], outputs.Stabilize().Select(m => m.Name));
        Assert.Equal(["kept"], log.Take());
    }
}
