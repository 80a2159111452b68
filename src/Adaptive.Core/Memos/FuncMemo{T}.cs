namespace Adaptive.Core;

/// <summary>A memo over a closure: <c>rt.Memo(() =&gt; ...)</c>.</summary>
internal sealed class FuncMemo<T>(AdaptiveRuntime runtime, Func<T> compute, string? name, IEqualityComparer<T>? comparer)
    : Memo<T>(runtime, name, comparer)
{
    private protected override T Compute() => compute();
}
