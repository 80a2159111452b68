// Save: queuing changed persistent nodes, writing them in one transaction, collecting stored entries no observed memo reaches.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    /// <summary>Persistent nodes changed since the last save (may repeat; the flag decides).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<Node> _dirty = new();

    /// <summary>Bumped whenever stored entries may have become unreachable: an edge dropped, an
    /// observer set changed, memos released. A save collects garbage only when it moved.</summary>
    private int _structureVersion;
    private int _collectedAtVersion = -1;
    private int _liveEpoch;

    /// <summary>
    /// Writes what changed since the trace was loaded or last saved, in one transaction: memos
    /// that executed (value, fingerprint, code fingerprint, dependencies with the fingerprints
    /// seen), inputs that changed, and — when observers exist — deletion of every stored entry
    /// that the observed memos no longer depend on (garbage collection).
    /// </summary>
    /// <returns>How many entries were written and deleted.</returns>
    public TraceSaveResult SaveTrace()
    {
        if (_store is null)
        {
            return default;
        }

        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            throw new InvalidOperationException("Cannot save the trace while a memo is being computed.");
        }

        return RunExclusive(this, static runtime => runtime.SaveCore());
    }

    /// <summary>Queues a persistent node for the next save.</summary>
    internal void MarkDirty(Node node)
    {
        PersistentState persist = node._persist!;
        if (!persist.Dirty)
        {
            persist.Dirty = true;
            _dirty.Enqueue(node);
        }
    }

    /// <summary>Records that stored entries may have become unreachable.</summary>
    internal void StructureChanged()
    {
        if (_store is not null)
        {
            Interlocked.Increment(ref _structureVersion);
        }
    }

    private TraceSaveResult SaveCore()
    {
        var changes = new TraceChanges();
        int version = Volatile.Read(ref _structureVersion);
        // Nothing stored yet (a cold build's first save): there is no garbage to look for.
        bool collect = _observersByMemo.Count > 0 && version != _collectedAtVersion && (Snapshot!.Image is not null || Snapshot.ReplacedKeys.Any());

        var dirty = new List<Node>();
        while (_dirty.TryDequeue(out Node? node))
        {
            PersistentState persist = node._persist!;
            if (persist.Dirty)
            {
                persist.Dirty = false;
                dirty.Add(node);
            }
        }

        // Encoding and hashing values is most of a large save: done once per value (the
        // fingerprint and the stored bytes come from one encoding) and on all cores; each node is
        // touched by one thread, and dependencies' fingerprints are ready before ToStored reads them.
        byte[]?[] values = EncodeDirty(dirty);
        for (int i = 0; i < dirty.Count; i++)
        {
            Node node = dirty[i];
            PersistentState persist = node._persist!;
            if (node is Memo memo)
            {
                if (!IsResult(memo))
                {
                    continue; // not a result to keep; a stored one is verified before it is used
                }

                StoredMemo? stored = ToStored(memo, persist);
                if (stored is null)
                {
                    if (Snapshot!.Remove(persist.Key))
                    {
                        changes.Deleted.Add(persist.Key); // it reads something that is not persistent
                    }

                    continue;
                }

                changes.Memos.Add((stored, values[i]));
                Snapshot!.Set(stored);
            }
            else
            {
                var input = node is FileInput file
                    ? new StoredInput(persist.Key, file.StoredFingerprint, file.TrustedStat)
                    : new StoredInput(persist.Key, persist.FingerprintOf(node));
                if (Snapshot!.Input(persist.Key) != input)
                {
                    changes.Inputs.Add(input);
                    Snapshot.Set(input);
                }
            }
        }

        if (collect)
        {
            // Garbage: stored entries that no observed memo depends on any more.
            foreach (string key in FindGarbage())
            {
                changes.Deleted.Add(key);
                Snapshot!.Remove(key);
            }

            _collectedAtVersion = version;
        }

        _store!.Save(changes);
        return new TraceSaveResult(changes.Memos.Count + changes.Inputs.Count, changes.Deleted.Count);
    }

    private static bool IsResult(Memo memo) => (memo._state & (NodeState.New | NodeState.Pending | NodeState.Failed)) == 0;

    /// <summary>For each dirty memo result: its encoding when the trace keeps its value (null
    /// otherwise), with its content fingerprint remembered from that same encoding.</summary>
    private static byte[]?[] EncodeDirty(List<Node> dirty)
    {
        var values = new byte[]?[dirty.Count];
        if (dirty.Count < 64)
        {
            for (int i = 0; i < dirty.Count; i++)
            {
                values[i] = EncodeForSave(dirty[i]);
            }
        }
        else
        {
            Parallel.For(0, dirty.Count, i => values[i] = EncodeForSave(dirty[i]));
        }

        return values;
    }

    private static byte[]? EncodeForSave(Node node)
    {
        if (node is not Memo memo || !IsResult(memo))
        {
            return null;
        }

        PersistentState persist = memo._persist!;
        if (!persist.KeepsValue)
        {
            _ = persist.FingerprintOf(memo);
            return null;
        }

        byte[] bytes = persist.Encode(memo);
        persist.Remember(memo, Fingerprint128.Of(bytes));
        return bytes;
    }

    /// <summary>
    /// The keys of stored entries that no observed memo depends on: everything reachable from
    /// the observed memos is marked — live nodes through their edges (a field per node instead
    /// of a set of 200,000 entries), shallow-adopted memos through their stored edges (a flag per
    /// entry of the base image), entries replaced since the base through their stored records —
    /// and the rest is garbage.
    /// </summary>
    private List<string> FindGarbage()
    {
        int epoch = ++_liveEpoch;
        TraceSnapshot snapshot = Snapshot!;
        TraceImage? image = snapshot.Image;
        bool[] reached = new bool[image?.Count ?? 0];
        var others = new HashSet<Node>(ReferenceEqualityComparer.Instance); // non-persistent nodes
        var replaced = new HashSet<string>(StringComparer.Ordinal); // reached entries that are not in the base
        var nodes = new Stack<Node>(_observersByMemo.Keys);
        var indices = new Stack<int>();
        var keys = new Stack<string>(_kept); // results kept without a memo (TryKeepGreen)
        while (nodes.Count > 0 || indices.Count > 0 || keys.Count > 0)
        {
            if (nodes.TryPop(out Node? node))
            {
                if (node._persist is { } persist)
                {
                    if (persist.LiveEpoch == epoch)
                    {
                        continue;
                    }

                    persist.LiveEpoch = epoch;
                    if (persist.Shallow)
                    {
                        keys.Push(persist.Key); // what it read is in the trace, not in memory
                    }
                }
                else if (!others.Add(node))
                {
                    continue;
                }

                if (node is Memo memo)
                {
                    foreach (DepEdge dep in memo._deps)
                    {
                        nodes.Push(dep.Node);
                    }
                }
            }
            else if (indices.TryPop(out int index))
            {
                if (snapshot.IsOverridden(index))
                {
                    keys.Push(image!.KeyAt(index));
                    continue;
                }

                for (int edge = image!.EdgeStart(index); edge < image.EdgeEnd(index); edge++)
                {
                    int target = image.EdgeTarget(edge, out _);
                    if (!reached[target])
                    {
                        reached[target] = true;
                        indices.Push(target);
                    }
                }
            }
            else
            {
                string key = keys.Pop();
                int raw = image?.IndexOf(key) ?? -1;
                if (raw >= 0 && !snapshot.IsOverridden(raw))
                {
                    if (!reached[raw])
                    {
                        reached[raw] = true;
                        indices.Push(raw);
                    }
                }
                else if (replaced.Add(key) && snapshot.Memo(key) is { } stored)
                {
                    foreach (StoredDependency dependency in stored.Dependencies)
                    {
                        keys.Push(dependency.Key);
                    }
                }
            }
        }

        var garbage = new List<string>();
        if (image is not null)
        {
            for (int i = 0; i < image.Count; i++)
            {
                if (!reached[i] && image.KindAt(i) != TraceImage.Placeholder && !snapshot.IsOverridden(i) && !IsLive(image.KeyAt(i), epoch))
                {
                    garbage.Add(image.KeyAt(i));
                }
            }
        }

        foreach (string key in snapshot.ReplacedKeys)
        {
            if (!replaced.Contains(key) && !(image?.IndexOf(key) is >= 0 and int raw && reached[raw]) && !IsLive(key, epoch))
            {
                garbage.Add(key);
            }
        }

        return garbage;
    }

    private bool IsLive(string key, int epoch)
    {
        lock (_persistent)
        {
            return _persistent.TryGetValue(key, out Node? node) && node._persist?.LiveEpoch == epoch;
        }
    }

    private static StoredMemo? ToStored(Memo memo, PersistentState persist)
    {
        DepEdge[] deps = memo._deps;
        var dependencies = new StoredDependency[deps.Length];
        for (int i = 0; i < deps.Length; i++)
        {
            Node dependency = deps[i].Node;
            if (dependency._persist is not { } dependencyPersist)
            {
                return null;
            }

            dependencies[i] = new StoredDependency(dependencyPersist.Key, dependencyPersist.FingerprintOf(dependency), deps[i].ObservedFailed);
        }

        return new StoredMemo(persist.Key, memo.CodeFingerprint, persist.FingerprintOf(memo), dependencies);
    }
}
