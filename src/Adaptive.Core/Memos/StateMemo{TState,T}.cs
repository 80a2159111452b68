namespace Adaptive.Core;

/// <summary>
/// A memo over a state value and a (typically static) function: no closure per memo, which
/// is what generated <c>[Memo]</c> members and large graphs use.
/// </summary>
internal sealed class StateMemo<TState, T>(
    AdaptiveRuntime runtime, TState state, Func<TState, T> compute, string? name, IEqualityComparer<T>? comparer)
    : Memo<T>(runtime, name, comparer)
{
    private protected override T Compute() => compute(state);
}
