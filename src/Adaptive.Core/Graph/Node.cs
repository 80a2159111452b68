using System.Diagnostics;

namespace Adaptive.Core;

/// <summary>
/// A cell of the dependency graph: an input (<see cref="Ref{T}"/>) or a derived value
/// (<see cref="Memo{T}"/>).
/// </summary>
/// <remarks>
/// Every node knows its dependents (subscribers) so that a change can mark them in O(affected);
/// memos also know their dependencies (see <see cref="Memo"/>). Edges live in struct arrays
/// with back-indices on both sides: adding an edge is an append, removing one is a swap-remove
/// that fixes the moved edge. Edge arrays are only changed under the runtime's edge lock.
/// </remarks>
[DebuggerDisplay("{Name,nq}")]
public abstract partial class Node
{
    private static readonly SubEdge[] s_noSubs = [];

    internal readonly AdaptiveRuntime _runtime;
    internal readonly string? _name;
    internal readonly int _id;

    /// <summary><see cref="NodeState"/> flags and the value sequence.</summary>
    internal int _state;

    /// <summary>The revision at which this node's value last changed.</summary>
    internal long _changedAt;

    /// <summary>The fingerprint of the current value (<see cref="ValueFingerprint{T}"/>);
    /// dependents compare it with the one they observed.</summary>
    internal ulong _fingerprint;

    internal SubEdge[] _subs = s_noSubs;
    internal int _subCount;

    /// <summary>Key, content fingerprint and save state, when the node is persisted.</summary>
    internal PersistentState? _persist;

    private protected Node(AdaptiveRuntime runtime, string? name, int initialState)
    {
        _runtime = runtime;
        _name = name;
        _id = runtime.NextNodeId();
        _state = initialState;
    }

    /// <summary>The name given at creation, or a generated one (<c>memo#12</c>, <c>ref#3</c>).</summary>
    public virtual string Name => _name ?? DefaultName;

    /// <summary>A number unique within the runtime, in creation order.</summary>
    public int Id => _id;

    /// <summary>The runtime this node belongs to.</summary>
    public AdaptiveRuntime Runtime => _runtime;

    private protected abstract string DefaultName { get; }

    /// <summary>For inputs: records a read in the current execution, if there is one (inside a
    /// demand, writers are excluded, so the input's value is stable); false outside executions.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool RecordInputRead()
    {
        if (ThreadContext.t_current?.Frame is not { } frame)
        {
            return false;
        }

        if (frame.Runtime != _runtime)
        {
            ThrowHelper.ThrowCrossRuntimeRead(this, frame.Owner);
        }

        frame.Record(this, _fingerprint, failed: false);
        return true;
    }

    /// <summary>Applies the value staged by a batch; true when it changed the node.</summary>
    internal virtual bool CommitStaged(long revision) => false;

    /// <summary>Drops the value staged by a batch that threw.</summary>
    internal virtual void DiscardStaged()
    {
    }

    /// <summary>The number of memos that read this node in their last execution.</summary>
    internal int SubscriberCount => _subCount;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
