// Adopt: taking a persistent memo's stored result from the trace when its stored dependencies still match.
namespace Adaptive.Core;

public abstract partial class Memo<T>
{
    /// <summary>
    /// For a persistent memo demanded for the first time: when the trace holds a result of the
    /// same code, brings each stored dependency up to date, in the stored order, and compares its
    /// content fingerprint (and failed flag) with the stored one; when all match, takes the stored
    /// value and links the dependencies as if it had executed. Otherwise returns false and the
    /// memo executes — because of <paramref name="changed"/>, the first stored dependency whose
    /// value differs now (null when the trace has no usable entry), so <see cref="Memo.LastExecution"/>
    /// explains a new process's executions too. Caller holds the claim; the outcome is applied on release.
    /// </summary>
    /// <remarks>Dependencies are checked in order for the same reason as in verification: while the
    /// first <c>k</c> match, an execution would read dependency <c>k+1</c> too.</remarks>
    internal override bool TryAdopt(ThreadContext context, out int outcome, out Node? changed)
    {
        outcome = 0;
        changed = null;
        if (_persist is PersistentState<T> green && _runtime.SingleBuild
            && _runtime.TryMarkGreen(context, green.Key, CodeFingerprint, out Fingerprint128 fingerprint))
        {
            // Green on the stored graph: adopted without creating or linking what it read.
            green.Shallow = true;
            _runtime.CountShallow();
            outcome = Adopted(context, green, fingerprint);
            return true;
        }

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
                changed = node;
                return false;
            }

            reads[i] = new DepEdge(node, node._fingerprint, failed);
        }

        lock (_runtime._edgeLock)
        {
            ReplaceDependencies(reads, reads.Length, _runtime._edgeScratch);
        }

        outcome = Adopted(context, persist, stored.Fingerprint);
        return true;
    }

    /// <summary>Takes the stored result: the value stays in the store until someone reads it
    /// (EnsureLoaded), since verifying the memos above this one needs only fingerprints. A fresh
    /// stamp stands for the value. Returns the outcome to release with.</summary>
    private int Adopted(ThreadContext context, PersistentState<T> persist, Fingerprint128 fingerprint)
    {
        _value = default!;
        _fingerprint = _runtime.NextStamp();
        _changedAt = _runtime._revision;
        _error = null;
        persist.Remember(this, fingerprint);
        persist.Dirty = false;
        context.Counters.Reused++;
        return NodeState.SequenceUnit | NodeState.Unloaded;
    }

    internal override bool TryDropValue()
    {
        int state = Volatile.Read(ref _state);
        if ((state & NodeState.SlowMask) != 0 || _persist is not PersistentState<T> { KeepsValue: false } persist)
        {
            return false;
        }

        // The content fingerprint is taken now, while the value is here: the save stores it, and
        // a reader that brings the value back compares what it computes with it.
        _ = persist.FingerprintOf(this);

        // The flag first, then the value: a lock-free reader that copied the value after it was
        // cleared sees the state change and takes the slow path (see Value).
        Interlocked.Or(ref _state, NodeState.Unloaded);
        _value = default!;
        return true;
    }

    /// <summary>Reads an adopted memo's value from the store (or, if it cannot be read, computes
    /// it again: the dependencies are those the stored value was computed from, so the result has
    /// the stored fingerprint and dependents stay valid).</summary>
    private void EnsureLoaded(ThreadContext context)
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & NodeState.Unloaded) == 0)
            {
                return;
            }

            if ((state & NodeState.Busy) != 0)
            {
                WaitWhileBusy(context);
            }
            else if (Interlocked.CompareExchange(ref _state, state | NodeState.Busy, state) == state)
            {
                break;
            }
        }

        int outcome = NodeState.SequenceUnit;
        var persist = (PersistentState<T>)_persist!;
        if (TryReadStored(persist, out T value))
        {
            _value = value;
        }
        else
        {
            context.PushClaim(this);
            try
            {
                outcome = Execute(context, null);
            }
            finally
            {
                context.PopClaim();
            }
        }

        Release(NodeState.Unloaded, outcome);
    }

    /// <summary>The adopted value as the store holds it, when the trace keeps values and the
    /// stored bytes are the ones fingerprinted when it was adopted.</summary>
    private bool TryReadStored(PersistentState<T> persist, out T value)
    {
        value = default!;
        return persist.KeepsValue
            && _runtime.ReadStoredValue(persist.Key) is { } bytes
            && persist.TryGetRemembered(this, out Fingerprint128 stored)
            && Fingerprint128.Of(bytes) == stored
            && persist.TryDecode(bytes, out value);
    }
}
