namespace Adaptive.Core.Tests;

/// <summary>Keyed memo functions: one memo per key, each with its own dependencies.</summary>
public sealed class MemoTableTests
{
    private readonly AdaptiveRuntime _rt = new();

    [Fact]
    public void Each_key_has_its_own_memo_and_dependencies()
    {
        var texts = new Dictionary<string, Ref<string>>
        {
            ["a"] = _rt.Ref("one", "text:a"),
            ["b"] = _rt.Ref("three", "text:b"),
        };
        var executed = new List<string>();
        MemoTable<string, int> length = _rt.MemoTable<string, int>(key =>
        {
            executed.Add(key);
            return texts[key].Value.Length;
        }, "len");

        Assert.Equal(3, length["a"]);
        Assert.Equal(5, length["b"]);
        Assert.Equal(3, length["a"]);
        Assert.Equal(["a", "b"], executed);
        Assert.Equal("len[a]", length.GetMemo("a").Name);
        Assert.Same(length.GetMemo("a"), length.GetMemo("a"));

        executed.Clear();
        texts["b"].Value = "seven!!";
        Assert.Equal(3, length["a"]);
        Assert.Equal(7, length["b"]);
        Assert.Equal(["b"], executed);
    }

    [Fact]
    public void Keys_are_compared_by_value_or_by_the_key_comparer()
    {
        int executions = 0;
        MemoTable<(int, string), int> byTuple = _rt.MemoTable<(int, string), int>(k =>
        {
            executions++;
            return k.Item1 + k.Item2.Length;
        }, "tuple");
        Assert.Equal(4, byTuple[(1, "abc")]);
        Assert.Equal(4, byTuple[(1, "abc")]);
        Assert.Equal(1, executions);

        MemoTable<string, string> caseless = _rt.MemoTable<string, string>(k => k.ToUpperInvariant(), "caseless", keyComparer: StringComparer.OrdinalIgnoreCase);
        Assert.Same(caseless.GetMemo("Key"), caseless.GetMemo("KEY"));
    }

    [Fact]
    public void Memo_reading_a_table_entry_depends_on_that_entry_only()
    {
        Ref<int> x = _rt.Ref(1, "x");
        Ref<int> y = _rt.Ref(1, "y");
        MemoTable<int, int> table = _rt.MemoTable<int, int>(k => k == 0 ? x.Value : y.Value, "t");
        int executions = 0;
        Memo<int> reader = _rt.Memo(() =>
        {
            executions++;
            return table[0];
        }, "reader");
        Assert.Equal(1, reader.Value);
        Assert.Equal(1, table[1]);
        y.Value = 5;
        Assert.Equal(1, reader.Value);
        Assert.Equal(1, executions);
        Assert.Equal(5, table[1]);
    }
}
