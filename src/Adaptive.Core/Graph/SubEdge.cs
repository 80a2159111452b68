using System.Diagnostics;

namespace Adaptive.Core;

/// <summary>
/// One dependent of a node: the memo that read it, and the position of this node in that
/// memo's dependency array (so a swap-remove can fix the moved edge's back-index).
/// </summary>
[DebuggerDisplay("{Sub} (dep #{DepIndex})")]
internal struct SubEdge(Memo sub, int depIndex)
{
    public Memo Sub = sub;
    public int DepIndex = depIndex;
}
