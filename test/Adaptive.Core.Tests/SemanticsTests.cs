namespace Adaptive.Core.Tests;

/// <summary>Laziness, dynamic dependencies, cutoff and glitch freedom (semantics 1, 2, 4, 5).</summary>
public sealed class SemanticsTests
{
    private readonly AdaptiveRuntime _rt = new();
    private readonly NameLog _log = new();

    private Memo<T> Logged<T>(string name, Func<T> compute, IEqualityComparer<T>? comparer = null) =>
        _log.Memo(_rt, name, compute, comparer);

    [Fact]
    public void Memo_executes_only_when_demanded()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = Logged("m", () => a.Value + 1);
        Memo<int> unused = Logged("unused", () => m.Value * 2);

        a.Value = 5;
        Assert.Empty(_log.Take());

        Assert.Equal(6, m.Value);
        Assert.Equal(["m"], _log.Take());
        Assert.Equal(ExecutionReasonKind.NotExecuted, unused.LastExecution.Kind);
    }

    [Fact]
    public void Cached_read_does_not_execute_again()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = Logged("m", () => a.Value + 1);
        Assert.Equal(2, m.Value);
        Assert.Equal(2, m.Value);
        Assert.Equal(["m"], _log.Take());
    }

    [Fact]
    public void Branch_not_taken_is_not_a_dependency()
    {
        Ref<bool> flag = _rt.Ref(true, "flag");
        Ref<int> left = _rt.Ref(1, "left");
        Ref<int> right = _rt.Ref(2, "right");
        Memo<int> pick = Logged("pick", () => flag.Value ? left.Value : right.Value);

        Assert.Equal(1, pick.Value);
        Assert.Equal(["flag", "left"], pick.Dependencies.Select(d => d.Name));
        _log.Take();

        right.Value = 20;
        Assert.Equal(1, pick.Value);
        Assert.Empty(_log.Take());

        flag.Value = false;
        Assert.Equal(20, pick.Value);
        Assert.Equal(["flag", "right"], pick.Dependencies.Select(d => d.Name));
        Assert.Equal(["pick"], _log.Take());

        left.Value = 100;
        Assert.Equal(20, pick.Value);
        Assert.Empty(_log.Take());
        Assert.Equal(0, left.SubscriberCount);
    }

    [Fact]
    public void Dependencies_are_recorded_in_read_order_without_repeats()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Ref<int> b = _rt.Ref(2, "b");
        Memo<int> m = _rt.Memo(() => b.Value + a.Value + b.Value + a.Value, "m");
        Assert.Equal(6, m.Value);
        Assert.Equal(["b", "a"], m.Dependencies.Select(d => d.Name));
        Assert.Equal(1, a.SubscriberCount);
        Assert.Equal(1, b.SubscriberCount);
    }

    [Fact]
    public void Equal_recompute_does_not_dirty_dependents()
    {
        Ref<int> a = _rt.Ref(2, "a");
        Memo<bool> even = Logged("even", () => a.Value % 2 == 0);
        Memo<string> label = Logged("label", () => even.Value ? "even" : "odd");
        Assert.Equal("even", label.Value);
        _log.Take();

        RuntimeStats before = _rt.Stats;
        a.Value = 4;
        Assert.Equal("even", label.Value);
        Assert.Equal(["even"], _log.Take());
        RuntimeStats work = _rt.Stats - before;
        Assert.Equal(1, work.Executions);
        Assert.Equal(1, work.Cutoffs);
        Assert.Equal(2, work.Verifications);
    }

    [Fact]
    public void Setting_an_equal_value_is_a_no_op()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = Logged("m", () => a.Value);
        Assert.Equal(1, m.Value);
        RuntimeStats before = _rt.Stats;
        a.Value = 1;
        Assert.Equal(1, m.Value);
        RuntimeStats work = _rt.Stats - before;
        Assert.Equal(0, work.Propagations);
        Assert.Equal(0, work.Invalidations);
        Assert.Equal(0, work.Executions);
    }

    [Fact]
    public void Custom_comparers_decide_change_for_refs_and_memos()
    {
        Ref<string> text = _rt.Ref("Hello", "text", StringComparer.OrdinalIgnoreCase);
        Memo<string> upper = Logged("upper", () => text.Value.ToUpperInvariant());
        Memo<string> shout = Logged("shout", () => upper.Value + "!", StringComparer.Ordinal);
        Assert.Equal("HELLO!", shout.Value);
        _log.Take();

        text.Value = "HELLO"; // equal under the Ref's comparer
        Assert.Equal("HELLO!", shout.Value);
        Assert.Empty(_log.Take());
        Assert.Equal("Hello", text.Value);
    }

    [Fact]
    public void Diamond_executes_each_memo_once_and_sees_consistent_values()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> left = Logged("left", () => a.Value * 2);
        Memo<int> right = Logged("right", () => a.Value * 3);
        var seen = new List<(int, int)>();
        Memo<int> bottom = Logged("bottom", () =>
        {
            int l = left.Value, r = right.Value;
            seen.Add((l, r));
            return l + r;
        });
        Assert.Equal(5, bottom.Value);
        _log.Take();
        seen.Clear();

        a.Value = 10;
        Assert.Equal(50, bottom.Value);
        Assert.Equal(["left", "right", "bottom"], _log.Take());
        Assert.Equal([(20, 30)], seen);
    }

    [Fact]
    public void Fan_out_and_in_execute_each_memo_once_per_change()
    {
        Ref<int> s = _rt.Ref(0, "s");
        Memo<int>[] fans = new Memo<int>[50];
        for (int i = 0; i < fans.Length; i++)
        {
            int k = i;
            fans[i] = Logged("f" + k, () => s.Value + k);
        }

        Memo<int> sum = Logged("sum", () => fans.Sum(f => f.Value));
        Assert.Equal(1225, sum.Value);
        for (int v = 1; v <= 3; v++)
        {
            _log.Take();
            s.Value = v;
            Assert.Equal((50 * v) + 1225, sum.Value);
            List<string> executed = _log.Take();
            Assert.Equal(51, executed.Count);
            Assert.Equal(51, executed.Distinct().Count());
        }
    }

    [Fact]
    public void Batch_publishes_all_changes_in_one_propagation()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Ref<int> b = _rt.Ref(2, "b");
        Memo<int> sum = Logged("sum", () => a.Value + b.Value);
        Assert.Equal(3, sum.Value);
        _log.Take();

        RuntimeStats before = _rt.Stats;
        _rt.Batch(() =>
        {
            a.Value = 3;
            b.Value = 4;
            Assert.Equal(1, a.Value); // writes take effect when the batch ends
            Assert.Equal(3, sum.Value);
        });
        Assert.Equal(7, sum.Value);
        Assert.Equal(["sum"], _log.Take());
        Assert.Equal(1, (_rt.Stats - before).Propagations);
    }

    [Fact]
    public void Batch_that_throws_drops_its_writes()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Assert.Throws<InvalidOperationException>(() => _rt.Batch(() =>
        {
            a.Value = 2;
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(1, a.Value);
        a.Value = 3;
        Assert.Equal(3, a.Value);
    }

    [Fact]
    public void Batch_setting_a_value_back_to_the_original_changes_nothing()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> m = Logged("m", () => a.Value);
        Assert.Equal(1, m.Value);
        _log.Take();
        RuntimeStats before = _rt.Stats;
        _rt.Batch(() =>
        {
            a.Value = 2;
            a.Value = 1;
        });
        Assert.Equal(1, m.Value);
        Assert.Empty(_log.Take());
        Assert.Equal(0, (_rt.Stats - before).Propagations);
    }

    [Fact]
    public void Change_work_does_not_grow_with_unrelated_graph()
    {
        Ref<int> hot = _rt.Ref(0, "hot");
        Memo<int> hotMemo = _rt.Memo(() => hot.Value + 1, "hotMemo");
        var unrelated = new Memo<int>[10_000];
        Ref<int> cold = _rt.Ref(0, "cold");
        for (int i = 0; i < unrelated.Length; i++)
        {
            int k = i;
            unrelated[i] = _rt.Memo(() => cold.Value + k);
            _ = unrelated[i].Value;
        }

        Assert.Equal(1, hotMemo.Value);
        RuntimeStats before = _rt.Stats;
        hot.Value = 1;
        Assert.Equal(2, hotMemo.Value);
        RuntimeStats work = _rt.Stats - before;
        Assert.Equal(1, work.Invalidations);
        Assert.Equal(1, work.Executions);
        Assert.Equal(1, work.Verifications);
    }

    [Fact]
    public void Memos_nest_deeply_without_overflowing_the_stack()
    {
        Ref<int> s = _rt.Ref(0, "s");
        Memo<int> last = _rt.Memo(() => s.Value);
        for (int i = 0; i < 2_000; i++)
        {
            Memo<int> previous = last;
            last = _rt.Memo(() => previous.Value + 1);
        }

        Assert.Equal(2_000, last.Value);
        s.Value = 5;
        Assert.Equal(2_005, last.Value);
    }
}
