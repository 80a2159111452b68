// Memory: releasing unobserved memos, dropping recomputable values, registering memo tables.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private readonly List<WeakReference<IMemoTable>> _tables = [];

    /// <summary>
    /// Releases every memo that no observer depends on, directly or transitively: its value and
    /// edges are dropped (it becomes new, and executes again if demanded), and memo tables
    /// forget its key. This is how a long-running watch stays bounded as pages come and go.
    /// </summary>
    /// <returns>The number of memos released.</returns>
    /// <remarks>Memos are found through memo tables and as dependents of nodes the observed
    /// memos depend on; any other unobserved memo is garbage as soon as nothing references it.</remarks>
    public int ReleaseUnobserved()
    {
        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            throw new InvalidOperationException("Cannot release memos while a memo is being computed.");
        }

        return RunExclusive(this, static runtime => runtime.ReleaseUnobservedCore());
    }

    /// <summary>
    /// Drops from memory the values of up-to-date memos whose trace keeps only a fingerprint
    /// (their codec is <see cref="Codec.FingerprintOnly"/>: values cheap to compute again, such
    /// as a page's rendered Markdown or an output's bytes). Nothing else changes: dependents stay
    /// valid, and a read computes the value again from the same dependencies (the content
    /// fingerprint taken here tells it that it got the same value). For a process that reads few
    /// of these values again — a command-line build once its files are written, before it saves
    /// the trace — this returns most of its memory. Without a trace store there is nothing to drop.
    /// </summary>
    /// <returns>The number of values dropped.</returns>
    public int DropRecomputableValues()
    {
        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            throw new InvalidOperationException("Cannot drop values while a memo is being computed.");
        }

        return _store is null ? 0 : RunExclusive(this, static runtime => runtime.DropRecomputableValuesCore());
    }

    private int DropRecomputableValuesCore()
    {
        Node[] nodes;
        lock (_persistent)
        {
            nodes = new Node[_persistent.Count];
            _persistent.Values.CopyTo(nodes, 0);
        }

        int dropped = 0;
        foreach (Node node in nodes)
        {
            if (node is Memo memo && memo.TryDropValue())
            {
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Registers a table once it is published (so that a table that lost a creation
    /// race is never the one the trace resolves keys with).</summary>
    internal void RegisterTable(IMemoTable table)
    {
        lock (_tables)
        {
            _tables.RemoveAll(static w => !w.TryGetTarget(out _));
            _tables.Add(new WeakReference<IMemoTable>(table));
        }

        RegisterPersistentTableOf(table);
    }

    /// <summary>Lets the trace resolve the keys of a persistent table's entries (idempotent).</summary>
    internal void RegisterPersistentTableOf(IMemoTable table)
    {
        (string name, bool persistent) = table.Persistence;
        if (persistent)
        {
            RegisterPersistentTable(name, table);
        }
    }

    private int ReleaseUnobservedCore()
    {
        StructureChanged();
        // Mark: everything the observed memos depend on.
        HashSet<Node> live = DependencyClosure(_observersByMemo.Keys);

        // Find the dead: dependents of live nodes that are not live, table entries that are
        // not live, and (transitively) every dependent of a dead memo.
        var dead = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var deadList = new List<Memo>();
        foreach (Node node in live)
        {
            for (int i = 0; i < node._subCount; i++)
            {
                Memo sub = node._subs[i].Sub;
                if (!live.Contains(sub) && dead.Add(sub))
                {
                    deadList.Add(sub);
                }
            }
        }

        lock (_tables)
        {
            foreach (WeakReference<IMemoTable> reference in _tables)
            {
                if (reference.TryGetTarget(out IMemoTable? table))
                {
                    table.CollectUnobserved(live, dead, deadList);
                }
            }
        }

        for (int d = 0; d < deadList.Count; d++)
        {
            Memo memo = deadList[d];
            for (int i = 0; i < memo._subCount; i++)
            {
                Memo sub = memo._subs[i].Sub;
                if (dead.Add(sub))
                {
                    deadList.Add(sub);
                }
            }
        }

        // Sweep.
        lock (_edgeLock)
        {
            foreach (Memo memo in deadList)
            {
                memo.UnlinkDependencies();
            }
        }

        foreach (Memo memo in deadList)
        {
            memo.ReleaseCore();
        }

        return deadList.Count;
    }
}
