namespace Adaptive.Core;

public abstract partial class Memo<T>
{
    /// <summary>
    /// For a persistent memo demanded for the first time: when the trace holds a result of the
    /// same code, brings each stored dependency up to date, in the stored order, and compares its
    /// content fingerprint (and failed flag) with the stored one; when all match, takes the stored
    /// value and links the dependencies as if it had executed. Otherwise returns false and the
    /// memo executes. Caller holds the claim; the outcome is applied on release.
    /// </summary>
    /// <remarks>Dependencies are checked in order for the same reason as in verification: while the
    /// first <c>k</c> match, an execution would read dependency <c>k+1</c> too.</remarks>
    internal override bool TryAdopt(ThreadContext context, out int outcome)
    {
        outcome = 0;
        if (_persist is not PersistentState<T> persist
            || _runtime.StoredMemoFor(persist.Key) is not { } stored
            || stored.CodeFingerprint != CodeFingerprint)
        {
            return false;
        }

        var reads = new DepEdge[stored.Dependencies.Count];
        for (int i = 0; i < reads.Length; i++)
        {
            StoredDependency dependency = stored.Dependencies[i];
            Node? node = _runtime.ResolvePersistent(dependency.Key);
            if (node?._persist is not { } dependencyPersist)
            {
                return false;
            }

            if (node is Memo memo && (Volatile.Read(ref memo._state) & NodeState.NeedsUpdate) != 0)
            {
                memo.Update(context);
            }

            bool failed = (Volatile.Read(ref node._state) & NodeState.Failed) != 0;
            if (failed != dependency.Failed || (!failed && dependencyPersist.FingerprintOf(node) != dependency.Fingerprint))
            {
                return false;
            }

            reads[i] = new DepEdge(node, node._fingerprint, failed);
        }

        if (_runtime.ReadStoredValue(persist.Key) is not { } bytes
            || !persist.TryDecode(bytes, out T value)
            || Fingerprint128.Of(bytes) != stored.Fingerprint)
        {
            return false;
        }

        lock (_runtime._edgeLock)
        {
            ReplaceDependencies(reads, reads.Length, _runtime._edgeScratch);
        }

        _value = value;
        _fingerprint = ValueFingerprint<T>.Of(value, _runtime);
        _changedAt = _runtime._revision;
        _error = null;
        persist.Remember(this, stored.Fingerprint);
        persist.Dirty = false;
        context.Counters.Reused++;
        outcome = NodeState.SequenceUnit;
        return true;
    }
}
