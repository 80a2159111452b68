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
