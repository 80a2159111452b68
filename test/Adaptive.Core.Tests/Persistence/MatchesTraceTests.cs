namespace Adaptive.Core.Tests.Persistence;

/// <summary><see cref="Memo.MatchesTrace"/>: whether a memo's value is the one the trace holds —
/// what a new process cuts off against, having no previous value in memory.</summary>
public sealed class MatchesTraceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapt-matches-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_memo_matches_the_trace_when_adopted_or_executed_again_to_the_stored_value()
    {
        string path = Path.Combine(_dir, "trace.db");
        using (LiteDbTraceStore store = LiteDbTraceStore.Open(path))
        {
            var rt = new AdaptiveRuntime(store);
            Memo<int> words = Words(rt, "a b c");
            Assert.Equal(3, words.Value);
            Assert.False(words.MatchesTrace); // nothing stored yet
            rt.SaveTrace();
            Assert.True(words.MatchesTrace);
        }

        foreach ((string text, bool adopted, bool matches) in (ValueTuple<string, bool, bool>[])[("a b c", true, true), ("x y z", false, true), ("x y", false, false)])
        {
            using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
            var rt = new AdaptiveRuntime(store);
            Memo<int> words = Words(rt, text);
            using Observer observer = rt.CreateObserver();
            observer.Add(words);
            observer.Stabilize(); // up to date; an adopted value stays in the store
            Assert.Equal(adopted, words.IsValueInStore);
            Assert.Equal(matches, words.MatchesTrace);
            Assert.Equal(text.Split(' ').Length, words.Value);
            Assert.Equal(matches, words.MatchesTrace); // and once read
        }

        Assert.False(Words(new AdaptiveRuntime(), "a b c").MatchesTrace); // no trace
    }

    [Fact]
    public void A_failed_memo_does_not_match_the_trace()
    {
        string path = Path.Combine(_dir, "failed.db");
        using LiteDbTraceStore store = LiteDbTraceStore.Open(path);
        var rt = new AdaptiveRuntime(store);
        Ref<int> divisor = rt.Ref(1, "divisor");
        Memo<int> quotient = rt.Memo(() => 10 / divisor.Value, "quotient");
        Assert.Equal(10, quotient.Value);
        rt.SaveTrace();
        divisor.Value = 0;
        Assert.Throws<DivideByZeroException>(() => quotient.Value);
        Assert.False(quotient.MatchesTrace);
    }

    private static Memo<int> Words(AdaptiveRuntime rt, string value)
    {
        Ref<string> text = rt.Ref(value, "text");
        return rt.Memo(() => text.Value.Split(' ').Length, "words");
    }
}
