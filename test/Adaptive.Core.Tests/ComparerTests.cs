namespace Adaptive.Core.Tests;

/// <summary>
/// A comparer given to a Ref or a memo is authoritative: when it says two values differ, the
/// new value is a change even when its bits are equal (the TC39 Signals proposal's
/// <c>equals</c>), and when it says they are equal, nothing downstream runs. Only the default
/// comparer takes the runtime's exact-fingerprint shortcut.
/// </summary>
public sealed class ComparerTests : IDisposable
{
    private readonly AdaptiveRuntime _rt = new();
    private readonly NameLog _log = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-comparer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Memo<T> Logged<T>(string name, Func<T> compute, IEqualityComparer<T>? comparer = null) =>
        _log.Memo(_rt, name, compute, comparer);

    [Fact]
    public void Setting_a_ref_to_an_equal_value_is_a_change_when_its_comparer_says_so()
    {
        Ref<int> a = _rt.Ref(1, "a", comparer: NeverEqual<int>.Instance);
        Ref<string> s = _rt.Ref("x", "s", comparer: NeverEqual<string>.Instance);
        Memo<int> fromInt = Logged("fromInt", () => a.Value + 1);
        Memo<int> fromString = Logged("fromString", () => s.Value.Length);
        Assert.Equal(2, fromInt.Value);
        Assert.Equal(1, fromString.Value);
        _log.Take();

        a.Value = 1;
        s.Value = "x";
        Assert.Equal(2, fromInt.Value);
        Assert.Equal(1, fromString.Value);
        Assert.Equal(["fromInt", "fromString"], _log.Take());
        Assert.Equal(ExecutionReasonKind.DependencyChanged, fromInt.LastExecution.Kind);
        Assert.Same(a, fromInt.LastExecution.Dependency);
    }

    [Fact]
    public void A_memo_recomputing_an_equal_value_is_a_change_when_its_comparer_says_so()
    {
        Ref<int> a = _rt.Ref(10, "a");
        Memo<int> tens = Logged("tens", () => a.Value / 10, NeverEqual<int>.Instance);
        Memo<int> reader = Logged("reader", () => tens.Value * 2);
        Assert.Equal(2, reader.Value);
        _log.Take();

        a.Value = 11; // tens recomputes 1 again: the comparer calls it a new value
        Assert.Equal(2, reader.Value);
        Assert.Equal(["tens", "reader"], _log.Take());
        Assert.Same(tens, reader.LastExecution.Dependency);
    }

    [Fact]
    public void Under_the_default_comparer_an_equal_value_is_cut_off()
    {
        Ref<int> a = _rt.Ref(10, "a", comparer: EqualityComparer<int>.Default);
        Memo<int> tens = Logged("tens", () => a.Value / 10, EqualityComparer<int>.Default);
        Memo<int> reader = Logged("reader", () => tens.Value * 2);
        Assert.Equal(2, reader.Value);
        _log.Take();

        a.Value = 10;
        Assert.Equal(2, reader.Value);
        Assert.Empty(_log.Take());

        a.Value = 11;
        Assert.Equal(2, reader.Value);
        Assert.Equal(["tens"], _log.Take());
    }

    [Fact]
    public void A_comparer_that_calls_different_values_equal_stops_propagation()
    {
        Ref<string> name = _rt.Ref("Ada", "name", comparer: StringComparer.OrdinalIgnoreCase);
        Memo<string> greeting = Logged("greeting", () => "Hello " + name.Value);
        Assert.Equal("Hello Ada", greeting.Value);
        _log.Take();

        name.Value = "ADA";
        Assert.Equal("Hello Ada", greeting.Value);
        Assert.Empty(_log.Take());
    }

    [Fact]
    public void Dependencies_are_checked_in_read_order_and_a_read_no_longer_reached_is_not_polled()
    {
        Ref<int> gate = _rt.Ref(1, "gate", comparer: NeverEqual<int>.Instance);
        Ref<bool> useExpensive = _rt.Ref(true, "useExpensive");
        Ref<int> input = _rt.Ref(1, "input");
        Memo<int> expensive = Logged("expensive", () => input.Value * 100);
        Memo<int> result = Logged("result", () => gate.Value + (useExpensive.Value ? expensive.Value : 0));
        Assert.Equal(101, result.Value);
        _log.Take();

        _rt.Batch(() =>
        {
            gate.Value = 1;             // equal bits, a change for its comparer: the first dependency
            useExpensive.Value = false; // the new execution no longer reads expensive
            input.Value = 2;            // so expensive, though pending, must not run
        });

        Assert.Equal(1, result.Value);
        Assert.Equal(["result"], _log.Take());
        Assert.Same(gate, result.LastExecution.Dependency);
    }

    [Fact]
    public void A_value_still_in_the_store_is_compared_by_the_comparer()
    {
        string path = Path.Combine(_dir, "trace.db");
        int executions = 0;
        for (int process = 0; process < 2; process++)
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
            var rt = new AdaptiveRuntime(store);
            Ref<int> a = rt.Ref(10, "a");
            Memo<int> tens = rt.Memo(() => a.Value / 10, "tens", NeverEqual<int>.Instance);
            Memo<int> reader = rt.Memo(() => { executions++; return tens.Value * 2; }, "reader");
            Assert.Equal(2, reader.Value);
            rt.SaveTrace();
        }

        Assert.Equal(1, executions); // the second process adopted both

        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var rt = new AdaptiveRuntime(store);
            Ref<int> a = rt.Ref(10, "a");
            Memo<int> tens = rt.Memo(() => a.Value / 10, "tens", NeverEqual<int>.Instance);
            Memo<int> reader = rt.Memo(() => { executions++; return tens.Value * 2; }, "reader");
            Assert.Equal(2, reader.Value);
            Assert.True(tens.IsValueInStore);

            // tens re-executes to 1 while its old value is still in the store: the comparer, not
            // the content fingerprint, decides, and it says "changed".
            a.Value = 11;
            Assert.Equal(2, reader.Value);
        }

        Assert.Equal(2, executions);
    }

    private sealed class NeverEqual<T> : IEqualityComparer<T>
    {
        public static readonly NeverEqual<T> Instance = new();

        public bool Equals(T? x, T? y) => false;

        public int GetHashCode(T obj) => 0;
    }
}
