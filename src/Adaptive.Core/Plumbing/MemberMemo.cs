namespace Adaptive.Core.Plumbing;

/// <summary>The memo of a generated <c>[Memo]</c> property of one instance: the owner and the
/// (shared, static) computation, no closure.</summary>
internal sealed class MemberMemo<TOwner, T>(
    AdaptiveRuntime runtime, string name, TOwner owner, Func<TOwner, T> compute, ulong codeFingerprint, IEqualityComparer<T>? comparer)
    : Memo<T>(runtime, name, comparer)
    where TOwner : class
{
    internal override ulong CodeFingerprint => codeFingerprint;

    private protected override T Compute() => compute(owner);
}
