namespace Adaptive.Core.Tests;

/// <summary>Semantics 6: cycles are reported, never overflow the stack, and leave the runtime usable.</summary>
public sealed class CycleTests
{
    private readonly AdaptiveRuntime _rt = new();

    [Fact]
    public void Self_reading_memo_throws_cycle_exception()
    {
        Memo<int>? self = null;
        self = _rt.Memo(() => self!.Value + 1, "self");
        CycleException error = Assert.Throws<CycleException>(() => self.Value);
        Assert.Equal(["self"], error.Cycle);
        Assert.Contains("self -> self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_message_is_the_same_whichever_memo_is_demanded_first()
    {
        string MessageWhenDemanding(int first)
        {
            var rt = new AdaptiveRuntime();
            var memos = new Memo<int>[3];
            memos[0] = rt.Memo(() => memos[1].Value, "a");
            memos[1] = rt.Memo(() => memos[2].Value, "b");
            memos[2] = rt.Memo(() => memos[0].Value, "c");
            return Assert.Throws<CycleException>(() => memos[first].Value).Message;
        }

        string expected = MessageWhenDemanding(0);
        Assert.StartsWith("Dependency cycle: a -> b -> c -> a", expected, StringComparison.Ordinal);
        Assert.Equal(expected, MessageWhenDemanding(1));
        Assert.Equal(expected, MessageWhenDemanding(2));
    }

    [Fact]
    public void Long_cycle_does_not_overflow_the_stack()
    {
        const int Length = 500;
        var memos = new Memo<int>[Length];
        for (int i = 0; i < Length; i++)
        {
            int next = (i + 1) % Length;
            memos[i] = _rt.Memo(() => memos[next].Value, "m" + i);
        }

        CycleException error = Assert.Throws<CycleException>(() => memos[250].Value);
        Assert.Equal(Length, error.Cycle.Count);
        Assert.Equal("m0", error.Cycle[0]);
    }

    [Fact]
    public void Runtime_stays_usable_and_cycle_breaks_when_input_changes()
    {
        Ref<bool> loop = _rt.Ref(true, "loop");
        Memo<int>? b = null;
        Memo<int> a = _rt.Memo(() => loop.Value ? b!.Value : 1, "a");
        b = _rt.Memo(() => a.Value + 1, "b");

        Assert.Throws<CycleException>(() => b.Value);
        Assert.Throws<CycleException>(() => a.Value); // cached until a dependency changes

        Ref<int> other = _rt.Ref(40, "other");
        Memo<int> unrelated = _rt.Memo(() => other.Value + 2, "unrelated");
        Assert.Equal(42, unrelated.Value);

        loop.Value = false;
        Assert.Equal(2, b.Value);
        Assert.Equal(1, a.Value);
    }

    [Fact]
    public void Cycle_across_threads_is_reported_not_deadlocked()
    {
        using var bothStarted = new Barrier(2);
        Memo<int>? b = null;
        Memo<int> a = _rt.Memo(() =>
        {
            bothStarted.SignalAndWait(TimeSpan.FromSeconds(5));
            return b!.Value + 1;
        }, "a");
        b = _rt.Memo(() =>
        {
            bothStarted.SignalAndWait(TimeSpan.FromSeconds(5));
            return a.Value + 1;
        }, "b");

        Task<Exception?> first = Task.Factory.StartNew(() => Record(() => a.Value), TaskCreationOptions.LongRunning);
        Task<Exception?> second = Task.Factory.StartNew(() => Record(() => b.Value), TaskCreationOptions.LongRunning);
        Assert.True(Task.WaitAll([first, second], TimeSpan.FromSeconds(20)), "deadlock: demands did not finish");

        Assert.IsType<CycleException>(first.Result);
        Assert.IsType<CycleException>(second.Result);
        Assert.Equal(["a", "b"], ((CycleException)first.Result!).Cycle);
    }

    private static Exception? Record(Func<int> demand)
    {
        try
        {
            demand();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
