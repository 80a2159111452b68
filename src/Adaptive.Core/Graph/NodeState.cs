namespace Adaptive.Core;

/// <summary>
/// The bits of <see cref="Node._state"/>. The low 16 bits are flags; the high 16 bits are a
/// value sequence that changes every time a node's value is overwritten, so that a lock-free
/// reader can tell whether the value it copied is consistent (a seqlock).
/// </summary>
/// <remarks>
/// Invariants:
/// <list type="bullet">
/// <item><see cref="Pending"/> on a node implies <see cref="Pending"/> on every transitive
/// dependent (marking stops at a node already pending for exactly this reason).</item>
/// <item>A memo without <see cref="Pending"/>, <see cref="New"/> and <see cref="Busy"/> is up to
/// date: every dependency is up to date and none changed after the memo's verified revision.</item>
/// <item><see cref="Busy"/> is set only by compare-and-swap, by the thread that verifies or
/// executes the memo; while it is set only that thread writes the state, and the value is
/// written only while it is set.</item>
/// </list>
/// </remarks>
internal static class NodeState
{
    /// <summary>Possibly stale: an input below changed since the memo was last verified.</summary>
    public const int Pending = 1 << 0;

    /// <summary>Never executed (or released): no value, no dependencies.</summary>
    public const int New = 1 << 1;

    /// <summary>Claimed by a thread that is verifying or executing it.</summary>
    public const int Busy = 1 << 2;

    /// <summary>The last execution threw; the exception is cached.</summary>
    public const int Failed = 1 << 4;

    /// <summary>At least one <see cref="Observer"/> watches this memo.</summary>
    public const int Observed = 1 << 5;

    /// <summary>A <see cref="Ref{T}"/> holds a staged value of an open batch.</summary>
    public const int Staged = 1 << 6;

    /// <summary>Up to date, but the value is not in memory: adopted from the persisted trace (the
    /// value is still in the store; verification needs only fingerprints) or dropped as
    /// recomputable. The value is read or computed again when someone reads it.</summary>
    public const int Unloaded = 1 << 7;

    /// <summary>An eager memo (<c>[Memo(Eager = true)]</c>): marking stops at it, it is recomputed
    /// inside the change, and its dependents are marked only if its value changed.</summary>
    public const int Eager = 1 << 8;

    /// <summary>Any of these sends a read off the lock-free fast path.</summary>
    public const int SlowMask = Pending | New | Busy | Failed | Unloaded;

    /// <summary>Any of these means the memo must be verified or executed before it is read.</summary>
    public const int NeedsUpdate = Pending | New | Busy;

    /// <summary>One step of the value sequence.</summary>
    public const int SequenceUnit = 1 << 16;
}
