// Persist and adopt: loading the stored trace, registering persistent nodes, resolving stored keys, saving.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private readonly ITraceStore? _store;
    private TraceSnapshot? _snapshot;
    private Task<TraceSnapshot>? _loading; // the store's load, run in the background from the constructor
    internal readonly Dictionary<string, Node> _persistent = new(StringComparer.Ordinal); // also the lock of persistent registrations
    private readonly Dictionary<string, IMemoTable> _persistentTables = new(StringComparer.Ordinal);

    /// <summary>Persistent nodes changed since the last save (may repeat; the flag decides).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<Node> _dirty = new();

    /// <summary>Bumped whenever stored entries may have become unreachable: an edge dropped, an
    /// observer set changed, memos released. A save collects garbage only when it moved.</summary>
    private int _structureVersion;
    private int _collectedAtVersion = -1;
    private int _liveEpoch;

    /// <summary>What the trace store recovered from, as one line (null when nothing happened or
    /// there is no store).</summary>
    public string? TraceWarning => Snapshot is null ? null : _store!.Warning;

    /// <summary>True when the loaded trace holds results to reuse; false without a store, or with
    /// an empty or set-aside one — a cold build, where a caller may compute eagerly, on every
    /// core, what it will need anyway. Waits for the background load.</summary>
    public bool HasStoredResults => Snapshot is { IsEmpty: false };

    /// <summary>The trace as loaded (null without a store); waits for the background load the
    /// first time, and rethrows what it threw.</summary>
    private TraceSnapshot? Snapshot
    {
        get
        {
            if (Volatile.Read(ref _loading) is { } loading)
            {
                _snapshot = loading.GetAwaiter().GetResult();
                Volatile.Write(ref _loading, null); // after _snapshot: a reader that sees null sees it
            }

            return _snapshot;
        }
    }

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

    internal bool HasTrace => _store is not null;

    /// <summary>Makes <paramref name="node"/> persistent when there is a store, a name and a codec.</summary>
    internal void RegisterPersistent<T>(Node node, string? key, IValueCodec<T>? codec)
    {
        node._persist = Persistence(key, codec);
        if (node._persist is not null)
        {
            Register(node);
        }
    }

    /// <summary>The persistent part of a node named <paramref name="key"/>: null when there is
    /// no store, no name or no codec. Nodes that are published to other threads before they are
    /// registered (table entries, generated members) get it first, so that no thread ever sees
    /// a persistent node without it.</summary>
    internal PersistentState? Persistence<T>(string? key, IValueCodec<T>? codec)
    {
        if (_store is null || key is null)
        {
            return null;
        }

        codec ??= Codec.Default<T>();
        return codec is null ? null : new PersistentState<T>(key, codec);
    }

    /// <summary>Registers a node whose <see cref="Node._persist"/> is set under its key (again:
    /// nothing happens, so a thread that lost a creation race can make sure the winner is).</summary>
    internal void Register(Node node)
    {
        string key = node._persist!.Key;
        lock (_persistent)
        {
            if (_persistent.TryGetValue(key, out Node? registered) && registered == node)
            {
                return;
            }

            if (!_persistent.TryAdd(key, node))
            {
                throw new InvalidOperationException(
                    $"Two persistent nodes are named '{key}'. With a trace store, names are stable keys and must be unique; rename one, or give it no name or no codec to keep it out of the trace.");
            }
        }

        // Inputs start dirty: the first save compares them with what is stored.
        if (node is not Adaptive.Core.Memo)
        {
            MarkDirty(node);
        }

        StructureChanged();
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

    internal void RegisterPersistentTable(string name, IMemoTable table)
    {
        if (_store is null)
        {
            return;
        }

        lock (_persistent)
        {
            _persistentTables[name] = table;
        }
    }

    internal void UnregisterPersistent(Node node)
    {
        if (node._persist is { } persist)
        {
            lock (_persistent)
            {
                if (_persistent.TryGetValue(persist.Key, out Node? registered) && registered == node)
                {
                    _persistent.Remove(persist.Key);
                }
            }
        }
    }

    /// <summary>The live node with a stable key: registered, or created on request from the
    /// memo table named in the key (<c>table[key]</c>).</summary>
    private static readonly object Ensured = new();
    private readonly Dictionary<string, object> _persistentOwners = new(StringComparer.Ordinal);
    private KeyValuePair<string, Func<string, Node?>>[] _resolvers = [];

    /// <summary>Remembers the owner of a generated memo named <paramref name="memberName"/>
    /// (<c>Site[site].Meta</c>), so the trace can create its sibling memos on request.</summary>
    internal void RegisterOwner(object owner, string memberName)
    {
        int dot = memberName.LastIndexOf('.');
        if (dot > 0)
        {
            lock (_persistent)
            {
                _persistentOwners.TryAdd(memberName[..(dot + 1)], owner);
            }
        }
    }

    /// <summary>The owner whose memos' names start like <paramref name="key"/>, if it was not
    /// asked to create them already.</summary>
    private object? OwnerOf(string key)
    {
        lock (_persistent)
        {
            return OwnerPrefix(key) is { } prefix && _persistentOwners.TryGetValue(prefix, out object? owner) && owner != Ensured ? owner : null;
        }
    }

    /// <summary>The registered owner prefix (<c>Site[site].</c>) that <paramref name="key"/> starts with.</summary>
    private string? OwnerPrefix(string key)
    {
        for (int dot = key.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = key.IndexOf('.', dot + 1))
        {
            if (_persistentOwners.ContainsKey(key[..(dot + 1)]))
            {
                return key[..(dot + 1)];
            }
        }

        return null;
    }

    internal Node? ResolvePersistent(string key)
    {
        IMemoTable? table = null;
        string? keyText = null;
        lock (_persistent)
        {
            if (_persistent.TryGetValue(key, out Node? node))
            {
                return node;
            }

            // The table's name may hold brackets itself (Site[site].Parsed[content/a.md]), and so
            // may the key: try every '[' from the left until a table has that name.
            if (key.EndsWith(']'))
            {
                for (int open = key.IndexOf('[', StringComparison.Ordinal); open > 0; open = key.IndexOf('[', open + 1))
                {
                    if (_persistentTables.TryGetValue(key[..open], out table))
                    {
                        keyText = key[(open + 1)..^1];
                        break;
                    }
                }
            }
        }

        if (table is not null)
        {
            return table.ResolveKeyText(keyText!);
        }

        if (OwnerOf(key) is { } owner)
        {
            // A sibling of a memo that exists: create the owner's memos, then look again.
            Plumbing.MemberRegistry.EnsureAll(owner);
            lock (_persistent)
            {
                _persistentOwners[OwnerPrefix(key)!] = Ensured;
            }

            return ResolvePersistent(key);
        }

        KeyValuePair<string, Func<string, Node?>>[] resolvers = _resolvers;
        foreach (KeyValuePair<string, Func<string, Node?>> resolver in resolvers)
        {
            if (key.StartsWith(resolver.Key, StringComparison.Ordinal))
            {
                return resolver.Value(key);
            }
        }

        return null;
    }

    /// <summary>
    /// Lets the trace find nodes that a graph creates on demand (a file input made the first time a
    /// page is read): when a stored result depends on a key starting with <paramref name="prefix"/>
    /// that no live node has, <paramref name="resolve"/> is asked for the node (it creates it,
    /// with that key, or returns null). Without it, such a result cannot be verified and executes
    /// again.
    /// </summary>
    public void RegisterResolver(string prefix, Func<string, Node?> resolve)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(resolve);
        lock (_persistent)
        {
            _resolvers = [.. _resolvers, new(prefix, resolve)];
        }
    }

    internal StoredMemo? StoredMemoFor(string key) => Snapshot?.Memo(key);

    internal StoredInput? StoredInputFor(string key) => Snapshot?.Input(key);

    internal byte[]? ReadStoredValue(string key) => Snapshot is null ? null : _store!.ReadValue(key);

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
