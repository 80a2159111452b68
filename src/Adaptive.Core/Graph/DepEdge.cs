using System.Diagnostics;

namespace Adaptive.Core;

/// <summary>
/// One dependency of a memo: the node it read, and where the memo sits in that node's
/// subscriber array (so the edge can be unlinked in O(1)).
/// </summary>
[DebuggerDisplay("{Node} (sub #{SubIndex})")]
internal struct DepEdge(Node node, int subIndex)
{
    public Node Node = node;
    public int SubIndex = subIndex;
}
