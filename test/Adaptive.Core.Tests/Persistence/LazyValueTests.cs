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
        using var store = new CountingStore(SqliteTraceStore.Open(path));
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
        using var store = new CountingStore(SqliteTraceStore.Open(path)) { Corrupt = "top" };
        (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        Assert.Equal(1, rt.Stats.Executions);
    }

    [Fact]
    public void An_adopted_memo_that_recomputes_to_the_same_value_cuts_off()
    {
        string path = Save();
        using var store = new CountingStore(SqliteTraceStore.Open(path));
        (AdaptiveRuntime rt, Ref<string> text, Memo<string> top, List<string> log) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        text.Value = "x y z"; // words re-executes: still 3
        Assert.Equal("3!", top.Value);
        Assert.Equal(["words"], log);
        Assert.Equal(1, rt.Stats.Cutoffs);
    }

    private string Save()
    {
        string path = Path.Combine(_dir, "trace.db");
        using SqliteTraceStore store = SqliteTraceStore.Open(path);
        (AdaptiveRuntime rt, _, Memo<string> top, _) = Build(store, "a b c");
        Assert.Equal("3!", top.Value);
        rt.SaveTrace();
        return path;
    }

    private static (AdaptiveRuntime, Ref<string>, Memo<string>, List<string>) Build(ITraceStore store, string value)
    {
        var log = new List<string>();
        var rt = new AdaptiveRuntime(store);
        Ref<string> text = rt.Ref(value, "text");
        Memo<int> words = rt.Memo(() => { log.Add("words"); return text.Value.Split(' ').Length; }, "words");
        Memo<string> label = rt.Memo(() => { log.Add("label"); return words.Value.ToString(System.Globalization.CultureInfo.InvariantCulture); }, "label");
        Memo<string> top = rt.Memo(() => { log.Add("top"); return label.Value + "!"; }, "top");
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
