using System.Diagnostics;

namespace Adaptive.Core;

/// <summary>
/// One dependency of a memo: the node it read, what it observed (the value's fingerprint and
/// whether it was a cached exception), and where the memo sits in that node's subscriber array
/// (so the edge can be unlinked in O(1); -1 until linked).
/// </summary>
[DebuggerDisplay("{Node} (sub #{SubIndex}, saw {Observed})")]
internal struct DepEdge(Node node, ulong observed, bool observedFailed)
{
    public Node Node = node;
    public int SubIndex = -1;
    public bool ObservedFailed = observedFailed;
    public ulong Observed = observed;

    /// <summary>True when <see cref="Node"/> no longer holds what was observed.</summary>
    public readonly bool IsStale =>
        Node._fingerprint != Observed || ((Node._state & NodeState.Failed) != 0) != ObservedFailed;
}
