using System.ComponentModel;

namespace Adaptive.Core;

/// <summary>Lets <see cref="AdaptiveRuntime.ReleaseUnobserved"/> find the memos a table holds.
/// Implemented by <see cref="MemoTable{TKey, TValue}"/> only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMemoTable
{
    /// <summary>Adds the table's memos that are not in <paramref name="live"/> to the dead set.</summary>
    internal void CollectUnobserved(HashSet<Node> live, HashSet<Node> dead, List<Memo> deadList);

    /// <summary>The memo of the key written as <paramref name="keyText"/> in a persistent key.</summary>
    internal Node? ResolveKeyText(string keyText);

    /// <summary>The table's name, and whether its entries are persistent.</summary>
    internal (string Name, bool Persistent) Persistence { get; }
}
