using System.Globalization;

namespace Adaptive.Core;

/// <summary>The memo of one key of a <see cref="MemoTable{TKey, TValue}"/>.</summary>
internal sealed class KeyedMemo<TKey, TValue>(MemoTable<TKey, TValue> table, TKey key, IEqualityComparer<TValue>? comparer)
    : Memo<TValue>(table.Runtime, null, comparer)
    where TKey : notnull
{
    internal TKey Key => key;

    internal override ulong CodeFingerprint => table.CodeFingerprint;

    /// <summary><c>table[key]</c>, formatted on request only.</summary>
    public override string Name => table.Name + "[" + Convert.ToString(key, CultureInfo.InvariantCulture) + "]";

    private protected override TValue Compute() => table.Compute(key);

    internal override void ReleaseCore()
    {
        base.ReleaseCore();
        table.Forget(this);
    }
}
