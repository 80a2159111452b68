namespace Adaptive.Core.Tests;

/// <summary>Semantics 7 and 8: cached exceptions, and writes during execution.</summary>
public sealed class ExceptionTests
{
    private readonly AdaptiveRuntime _rt = new();
    private readonly NameLog _log = new();

    [Fact]
    public void Exception_is_cached_and_rethrown_until_a_dependency_changes()
    {
        Ref<int> divisor = _rt.Ref(0, "divisor");
        Memo<int> quotient = _rt.Memo(() =>
        {
            _log.Add("quotient");
            return 10 / divisor.Value;
        }, "quotient");
        Memo<int> plusOne = _rt.Memo(() =>
        {
            _log.Add("plusOne");
            return quotient.Value + 1;
        }, "plusOne");

        Assert.Throws<DivideByZeroException>(() => plusOne.Value);
        Assert.Throws<DivideByZeroException>(() => plusOne.Value);
        Assert.Throws<DivideByZeroException>(() => quotient.Value);
        Assert.Equal(["plusOne", "quotient"], _log.Take()); // logged on entry, once each

        divisor.Value = 5;
        Assert.Equal(3, plusOne.Value);
        Assert.Equal(["quotient", "plusOne"], _log.Take()); // verification re-executes the dependency first
    }

    [Fact]
    public void Reader_can_catch_a_dependency_exception()
    {
        Ref<string> text = _rt.Ref("x", "text");
        Memo<int> parsed = _rt.Memo(() => int.Parse(text.Value, System.Globalization.CultureInfo.InvariantCulture), "parsed");
        Memo<string> safe = _rt.Memo(() =>
        {
            try
            {
                return parsed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return "invalid";
            }
        }, "safe");

        Assert.Equal("invalid", safe.Value);
        text.Value = "12";
        Assert.Equal("12", safe.Value);
        text.Value = "nope";
        Assert.Equal("invalid", safe.Value);
    }

    [Fact]
    public void Recovering_to_the_old_value_still_reexecutes_dependents()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> checkedValue = _rt.Memo(() => a.Value < 0 ? throw new ArgumentOutOfRangeException(nameof(a)) : 7, "checked");
        Memo<int> reader = _rt.Memo(() =>
        {
            _log.Add("reader");
            return checkedValue.Value;
        }, "reader");

        Assert.Equal(7, reader.Value);
        a.Value = -1;
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Value);
        a.Value = 2;
        Assert.Equal(7, reader.Value);
        Assert.Equal(["reader", "reader", "reader"], _log.Take());
    }

    [Fact]
    public void Same_failure_again_is_a_cutoff_even_after_a_success_in_between()
    {
        Ref<int> divisor = _rt.Ref(0, "divisor");
        Memo<int> quotient = _rt.Memo(() => 12 / divisor.Value, "quotient");
        Memo<int> reader = _rt.Memo(() =>
        {
            _log.Add("reader");
            return quotient.Value;
        }, "reader");
        Assert.Throws<DivideByZeroException>(() => reader.Value);

        divisor.Value = 4;
        Assert.Equal(3, quotient.Value); // the reader is not demanded while quotient succeeds
        divisor.Value = 0;
        Assert.Throws<DivideByZeroException>(() => reader.Value);
        Assert.Equal(["reader"], _log.Take());

        RuntimeStats before = _rt.Stats;
        divisor.Value = 6;
        divisor.Value = 0; // back to the observed value, unobserved in between: nothing runs
        Assert.Throws<DivideByZeroException>(() => reader.Value);
        Assert.Equal(0, (_rt.Stats - before).Executions);
        Assert.Empty(_log.Take());
    }

    [Fact]
    public void Failing_again_the_same_way_is_a_cutoff()
    {
        Ref<int> a = _rt.Ref(0, "a");
        Ref<int> b = _rt.Ref(0, "b");
        Memo<int> quotient = _rt.Memo(() => 12 / (a.Value - b.Value), "quotient");
        Memo<int> reader = _rt.Memo(() =>
        {
            _log.Add("reader");
            return quotient.Value;
        }, "reader");
        Assert.Throws<DivideByZeroException>(() => reader.Value);
        _log.Take();

        RuntimeStats before = _rt.Stats;
        _rt.Batch(() =>
        {
            a.Value = 1;
            b.Value = 1;
        });
        Assert.Throws<DivideByZeroException>(() => reader.Value);
        RuntimeStats work = _rt.Stats - before;
        Assert.Equal(1, work.Executions);
        Assert.Equal(1, work.Cutoffs);
        Assert.Empty(_log.Take());
    }

    [Fact]
    public void Writing_a_ref_inside_a_memo_throws_a_clear_exception()
    {
        Ref<int> a = _rt.Ref(1, "a");
        Memo<int> bad = _rt.Memo(() =>
        {
            a.Value = 2;
            return 0;
        }, "bad");

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => bad.Value);
        Assert.Contains("Cannot change 'a' while 'bad' is being computed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, a.Value);

        Memo<int> batching = _rt.Memo(() =>
        {
            _rt.Batch(() => a.Value = 3);
            return 0;
        }, "batching");
        Assert.Throws<InvalidOperationException>(() => batching.Value);
        Assert.Equal(1, a.Value);
    }

    [Fact]
    public void Reading_a_node_of_another_runtime_inside_a_memo_throws()
    {
        var other = new AdaptiveRuntime();
        Ref<int> foreign = other.Ref(1, "foreign");
        Memo<int> m = _rt.Memo(() => foreign.Value, "m");
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => m.Value);
        Assert.Contains("another AdaptiveRuntime", error.Message, StringComparison.Ordinal);
    }
}
