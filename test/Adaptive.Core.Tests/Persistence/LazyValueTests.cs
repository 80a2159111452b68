namespace Adaptive.Core.Tests.Persistence;

/// <summary>Adopted results keep their values in the store until someone reads them.</summary>
public sealed class LazyValueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-lazy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Verifying_a_chain_reads_only_the_value_that_is_read()
    {
        string path = Save();
        using var store = new CountingStore(LiteDbTraceStore.Open(path));
        (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        Assert.Equal(["top"], store.ValuesRead);
        Assert.Equal(3, rt.Stats.Reused);
        Assert.Equal(0, rt.Stats.Executions);
    }

    [Fact]
    public void An_unreadable_stored_value_is_computed_again()
    {
        string path = Save();
        using var store = new CountingStore(LiteDbTraceStore.Open(path)) { Corrupt = "top" };
        (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        Assert.Equal(1, rt.Stats.Executions);
    }

    [Fact]
    public void An_adopted_memo_that_recomputes_to_the_same_value_cuts_off()
    {
        string path = Save();
        using var store = new CountingStore(LiteDbTraceStore.Open(path));
        (AdaptiveRuntime rt, Ref<string> text, Memo<string> top, List<string> log) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        text.Value = "x y z"; // words re-executes: still 3
        Assert.Equal("3!", top.Value);
        Assert.Equal(["words"], log);
        Assert.Equal(1, rt.Stats.Cutoffs);
    }

    [Fact]
    public void A_fingerprint_only_value_is_not_stored_and_is_computed_again_when_read()
    {
        string path = Save(fingerprintOnly: true);
        using (LiteDbTraceStore raw = LiteDbTraceStore.Open(path))
        {
            Assert.Contains("label", raw.Load().Keys);
            Assert.Null(raw.ReadValue("label"));
            Assert.NotNull(raw.ReadValue("top"));
            Assert.NotNull(raw.ReadValue("words"));
        }

        // Verifying through it needs its fingerprint only.
        using (var store = new CountingStore(LiteDbTraceStore.Open(path)))
        {
            (AdaptiveRuntime rt, _, Memo<string> top, List<string> log) = Build(store, "a b c", fingerprintOnly: true);
            Assert.Equal("3!", top.Value);
            Assert.Empty(log);
            Assert.Equal(0, rt.Stats.Executions);
        }

        // Reading it executes it once, from its stored dependencies (words is loaded, not run);
        // its dependents stay adopted.
        using (var store = new CountingStore(LiteDbTraceStore.Open(path)))
        {
            (_, _, Memo<string> top, List<string> log) = Build(store, "a b c", fingerprintOnly: true, out Memo<string> label);
            Assert.Equal("3", label.Value);
            Assert.Equal("3!", top.Value);
            Assert.Equal(["label"], log);
            Assert.DoesNotContain("label", store.ValuesRead);
        }

        // An edit that changes it: the new process equals a from-scratch one.
        using (var store = new CountingStore(LiteDbTraceStore.Open(path)))
        {
            (AdaptiveRuntime rt, _, Memo<string> top, List<string> log) = Build(store, "a b c d", fingerprintOnly: true);
            Assert.Equal("4!", top.Value);
            Assert.Equal(["words", "label", "top"], log);
        }
    }

    [Fact]
    public void A_dropped_value_is_computed_again_when_read_and_its_dependents_stay_valid()
    {
        using LiteDbTraceStore store = LiteDbTraceStore.Open(Path.Combine(_dir, "trace.db"));
        (AdaptiveRuntime rt, Ref<string> text, Memo<string> top, List<string> log) = Build(store, "a b c", fingerprintOnly: true, out Memo<string> label);
        Assert.Equal("3!", top.Value);
        log.Clear();

        Assert.Equal(1, rt.DropRecomputableValues()); // label only: words and top keep their values
        Assert.True(label.IsValueInStore);
        Assert.False(top.IsValueInStore);

        Assert.Equal("3!", top.Value); // a dependent reads nothing it does not need
        Assert.Empty(log);
        Assert.Equal("3", label.Value);
        Assert.Equal(["label"], log); // computed again from the same dependencies
        Assert.False(label.IsValueInStore);
        long executions = rt.Stats.Executions;
        Assert.Equal("3!", top.Value); // same content fingerprint: top is still valid
        Assert.Equal(executions, rt.Stats.Executions);

        rt.DropRecomputableValues();
        text.Value = "a b c d"; // an edit through a dropped value equals a from-scratch run
        Assert.Equal("4!", top.Value);
        Assert.Equal(["label", "words", "label", "top"], log);
    }

    [Fact]
    public void A_trace_saved_after_dropping_values_is_adopted_by_the_next_process()
    {
        string path = Path.Combine(_dir, "trace.db");
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c", fingerprintOnly: true);
            Assert.Equal("3!", top.Value);
            Assert.Equal(1, rt.DropRecomputableValues());
            rt.SaveTrace();
        }

        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            (AdaptiveRuntime rt, _, Memo<string> top, List<string> log) = Build(store, "a b c", fingerprintOnly: true, out Memo<string> label);
            Assert.Equal("3!", top.Value);
            Assert.Equal("3", label.Value);
            Assert.Equal(["label"], log); // the fingerprint saved for it is the one it computes
            Assert.Equal(3, rt.Stats.Reused); // all three adopted; label then computed once to be read
            Assert.Equal(1, rt.Stats.Executions);
        }
    }

    [Fact]
    public void Without_a_trace_store_no_value_is_dropped()
    {
        var rt = new AdaptiveRuntime();
        Memo<string> memo = rt.Memo(static () => "x", "m", codec: Codec.FingerprintOnly(Codec.String));
        Assert.Equal("x", memo.Value);
        Assert.Equal(0, rt.DropRecomputableValues());
        Assert.False(memo.IsValueInStore);
    }

    private string Save(bool fingerprintOnly = false)
    {
        string path = Path.Combine(_dir, "trace.db");
        using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
        (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c", fingerprintOnly);
        Assert.Equal("3!", top.Value);
        rt.SaveTrace();
        return path;
    }

    private static (AdaptiveRuntime, Ref<string>, Memo<string>, List<string>) Build(ITraceStore store, string value, bool fingerprintOnly = false) =>
        Build(store, value, fingerprintOnly, out _);

    private static (AdaptiveRuntime, Ref<string>, Memo<string>, List<string>) Build(ITraceStore store, string value, bool fingerprintOnly, out Memo<string> label)
    {
        var log = new List<string>();
        var rt = new AdaptiveRuntime(store);
        Ref<string> text = rt.Ref(value, "text");
        Memo<int> words = rt.Memo(() => { log.Add("words"); return text.Value.Split(' ').Length; }, "words");
        Memo<string> labelMemo = rt.Memo(() => { log.Add("label"); return words.Value.ToString(System.Globalization.CultureInfo.InvariantCulture); }, "label", codec: fingerprintOnly ? Codec.FingerprintOnly(Codec.String) : null);
        Memo<string> top = rt.Memo(() => { log.Add("top"); return labelMemo.Value + "!"; }, "top");
        label = labelMemo;
        return (rt, text, top, log);
    }

    /// <summary>Counts (and can spoil) the values read from the wrapped store.</summary>
    private sealed class CountingStore(ITraceStore inner) : ITraceStore
    {
        public List<string> ValuesRead { get; } = [];

        public string? Corrupt { get; init; }

        public string? Warning => inner.Warning;

        public long SizeOnDisk => inner.SizeOnDisk;

        public TraceSnapshot Load() => inner.Load();

        public byte[]? ReadValue(string key)
        {
            ValuesRead.Add(key);
            return key == Corrupt ? [1, 2, 3] : inner.ReadValue(key);
        }

        public void Save(TraceChanges changes) => inner.Save(changes);

        public void Dispose() => inner.Dispose();
    }
}
