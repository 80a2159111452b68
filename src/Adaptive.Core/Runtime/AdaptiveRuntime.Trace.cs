// Persist and adopt: loading the stored trace, registering persistent nodes, resolving stored keys.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private readonly ITraceStore? _store;
    private TraceSnapshot? _snapshot;
    private Task<TraceSnapshot>? _loading; // the store's load, run in the background from the constructor
    internal readonly Dictionary<string, Node> _persistent = new(StringComparer.Ordinal); // also the lock of persistent registrations
    private readonly Dictionary<string, IMemoTable> _persistentTables = new(StringComparer.Ordinal);

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
}
