using Adaptive.Testing;

namespace Adaptive.Core.Tests;

/// <summary>Eager memos (<c>[Memo(Eager = true)]</c>): recomputed inside the change, the change
/// goes on only if their value differs — so dependents of an unchanged part are never even
/// marked — and every value still equals a from-scratch computation.</summary>
public sealed class EagerTests
{
    [Fact]
    public void An_edit_of_one_part_never_marks_what_depends_only_on_the_other()
    {
        var rt = new AdaptiveRuntime();
        Ref<string> file = rt.Ref("title: A\n---\nbody one", "file");
        Memo<string> head = Eager(rt.Memo(() => file.Value.Split("\n---\n")[0], "head"));
        Memo<string> body = Eager(rt.Memo(() => file.Value.Split("\n---\n")[1], "body"));
        var lists = new List<Memo<string>>();
        for (int i = 0; i < 100; i++)
        {
            lists.Add(rt.Memo(() => head.Value.ToUpperInvariant(), "list" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Memo<int> page = rt.Memo(() => body.Value.Length, "page");
        Assert.All(lists, l => Assert.Equal("TITLE: A", l.Value));
        Assert.Equal(8, page.Value);

        RuntimeStats before = rt.Stats;
        using ExecutionLog log = rt.RecordExecutions();
        file.Value = "title: A\n---\nbody two, longer";
        RuntimeStats work = rt.Stats - before;
        Assert.Equal(["body", "head"], log.Names); // both parts recomputed inside the write
        Assert.Equal(1, work.Invalidations - 2); // the two eager memos, then only 'page'
        Assert.Equal(16, page.Value);
        Assert.All(lists, l => Assert.Equal("TITLE: A", l.Value));
        Assert.Equal(["body", "head", "page"], log.Names);
        Assert.Equal(3, (rt.Stats - before).Verifications); // the two eager memos and the page: the 100 lists were not marked, so not verified

        file.Value = "title: B\n---\nbody two, longer";
        Assert.All(lists, l => Assert.Equal("TITLE: B", l.Value));
    }

    [Fact]
    public void An_eager_memo_that_reads_a_memo_fails_with_a_clear_message()
    {
        var rt = new AdaptiveRuntime();
        Ref<int> input = rt.Ref(1, "input");
        Memo<int> plain = rt.Memo(() => input.Value + 1, "plain");
        Memo<int> eager = Eager(rt.Memo(() => plain.Value * 2, "eager"));
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => eager.Value);
        Assert.Contains("The eager memo 'eager' read the memo 'plain'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_of_eager_memos_propagate_and_repair()
    {
        var rt = new AdaptiveRuntime();
        Ref<string> text = rt.Ref("4", "text");
        Memo<int> number = Eager(rt.Memo(() => int.Parse(text.Value, System.Globalization.CultureInfo.InvariantCulture), "number"));
        Memo<int> twice = rt.Memo(() => number.Value * 2, "twice");
        Assert.Equal(8, twice.Value);
        text.Value = "four";
        Assert.Throws<FormatException>(() => twice.Value);
        text.Value = "5";
        Assert.Equal(10, twice.Value);
    }

    [Fact]
    public void Eager_recomputations_are_the_work_of_their_runtime_whatever_the_thread_last_demanded()
    {
        // A watcher's thread writes the file inputs: it may never have demanded from this
        // runtime, or may have last demanded from another one.
        var rt = new AdaptiveRuntime();
        var other = new AdaptiveRuntime();
        Ref<string> file = rt.Ref("title: A\n---\nbody", "file");
        Memo<string> head = Eager(rt.Memo(() => file.Value.Split("\n---\n")[0], "head"));
        Assert.Equal("title: A", head.Value);
        Memo<int> elsewhere = other.Memo(() => 1, "elsewhere");
        Assert.Equal(1, elsewhere.Value); // this thread now counts for the other runtime

        RuntimeStats before = rt.Stats;
        RuntimeStats otherBefore = other.Stats;
        file.Value = "title: B\n---\nbody";
        Assert.Equal(1, (rt.Stats - before).Executions);
        Assert.Equal(0, (other.Stats - otherBefore).Executions);
    }

    [AdaptProperty(PropertyCases.Runtime, Arbitrary = new[] { typeof(EagerArbitrary) })]
    public void Values_always_equal_a_from_scratch_computation((int[] Initial, int[][] Reads, (int Input, int Value)[] Writes) c)
    {
        var rt = new AdaptiveRuntime();
        Ref<int>[] inputs = [.. c.Initial.Select((v, i) => rt.Ref(v, "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        var parts = new Memo<int>[8];
        for (int i = 0; i < 4; i++)
        {
            Ref<int> input = inputs[i];
            parts[2 * i] = Eager(rt.Memo(() => input.Value % 3, "mod" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            parts[(2 * i) + 1] = Eager(rt.Memo(() => input.Value / 3, "div" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Memo<int>[] derived = [.. c.Reads.Select(r => rt.Memo(() => r.Sum(p => parts[p].Value * (p + 1))))];
        Memo<int> top = rt.Memo(() => derived.Sum(d => d.Value));
        int[] values = [.. c.Initial];
        int Expected(int[] read) => read.Sum(p => (p % 2 == 0 ? values[p / 2] % 3 : values[p / 2] / 3) * (p + 1));
        Assert.Equal(c.Reads.Sum(Expected), top.Value);
        foreach ((int input, int value) in c.Writes)
        {
            inputs[input].Value = value;
            values[input] = value;
            for (int d = 0; d < derived.Length; d++)
            {
                Assert.Equal(Expected(c.Reads[d]), derived[d].Value);
            }

            Assert.Equal(c.Reads.Sum(Expected), top.Value);
        }
    }

    private static Memo<T> Eager<T>(Memo<T> memo)
    {
        memo.MakeEager();
        return memo;
    }
}
