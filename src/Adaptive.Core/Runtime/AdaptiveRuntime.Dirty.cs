// Change: writing inputs (one at a time or in a batch), refreshing files, marking dependents pending, settling eager memos.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private readonly List<Node> _staged = [];
    private int _batchDepth;
    private MemoSlot[] _markStack = new MemoSlot[64];
    private readonly List<Memo> _eager = [];

    /// <summary>
    /// Applies several changes as one: every write inside <paramref name="changes"/> is held
    /// back and published when it returns, with one revision and one propagation. Until then,
    /// reads (also inside the batch) see the values from before it. When
    /// <paramref name="changes"/> throws, its writes are dropped. Batches nest; the outermost
    /// one publishes.
    /// </summary>
    /// <param name="changes">Sets <see cref="Ref{T}.Value"/> of some cells.</param>
    public void Batch(Action changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            throw new InvalidOperationException("Cannot start a batch while a memo is being computed. Memos must not write Refs.");
        }

        lock (_writeLock)
        {
            _batchDepth++;
            bool completed = false;
            try
            {
                changes();
                completed = true;
            }
            finally
            {
                if (--_batchDepth == 0)
                {
                    if (completed)
                    {
                        CommitBatch();
                    }
                    else
                    {
                        DiscardBatch();
                    }
                }
            }
        }
    }

    /// <summary>The setter of <see cref="Ref{T}.Value"/>.</summary>
    internal void Write<T>(Ref<T> cell, T value)
    {
        ThrowIfInsideDemand(cell);
        lock (_writeLock)
        {
            if (_batchDepth > 0)
            {
                if (cell.Stage(value))
                {
                    _staged.Add(cell);
                }

                return;
            }

            if (cell.HasValue(value))
            {
                return;
            }

            EnterExclusive();
            try
            {
                long revision = _revision + 1;
                if (cell.TryPublish(value, revision))
                {
                    _revision = revision;
                    _propagations++;
                    MarkDependents(cell);
                    SettleEager();
                }
            }
            finally
            {
                ExitExclusive();
            }
        }
    }

    /// <summary>The write path of <see cref="FileInput.Refresh"/>.</summary>
    internal bool RefreshFile(FileInput file)
    {
        ThrowIfInsideDemand(file);
        lock (_writeLock)
        {
            var next = file.ReadNow();
            if (!file.Differs(next))
            {
                return false;
            }

            if (_batchDepth > 0)
            {
                if (file.Stage(next))
                {
                    _staged.Add(file);
                }

                return true;
            }

            EnterExclusive();
            try
            {
                long revision = _revision + 1;
                if (!file.Publish(next, revision))
                {
                    return false; // only the stat changed
                }

                _revision = revision;
                _propagations++;
                MarkDependents(file);
                SettleEager();
                return true;
            }
            finally
            {
                ExitExclusive();
            }
        }
    }

    private void CommitBatch()
    {
        if (_staged.Count == 0)
        {
            return;
        }

        EnterExclusive();
        try
        {
            long revision = _revision + 1;
            bool changed = false;
            foreach (Node cell in _staged)
            {
                if (cell.CommitStaged(revision))
                {
                    changed = true;
                    MarkDependents(cell);
                }
            }

            if (changed)
            {
                _revision = revision;
                _propagations++;
                SettleEager();
            }
        }
        finally
        {
            ExitExclusive();
            _staged.Clear();
        }
    }

    private void DiscardBatch()
    {
        foreach (Node cell in _staged)
        {
            cell.DiscardStaged();
        }

        _staged.Clear();
    }

    /// <summary>
    /// Recomputes the eager memos the marking reached, inside the change (the caller holds the
    /// runtime exclusively, so no demand runs meanwhile): an eager memo reads only inputs, which
    /// are current. One whose value changed marks its own dependents (which may reach more eager
    /// memos); one whose value is equal stops the change there. When this returns, every
    /// dependent of a changed value is pending again, as the invariant requires.
    /// </summary>
    private void SettleEager()
    {
        if (_eager.Count == 0)
        {
            return;
        }

        // The writing thread may never have demanded from this runtime (a watcher's thread) or
        // may have last demanded from another: these executions count as this runtime's work.
        ThreadContext context = ThreadContext.Current;
        context.UseRuntime(this);
        for (int i = 0; i < _eager.Count; i++)
        {
            Memo memo = _eager[i];
            long before = memo._changedAt;
            bool failedBefore = (memo._state & NodeState.Failed) != 0;
            try
            {
                memo.Update(context);
            }
            catch (CycleException)
            {
                // cached on the memo like any failure; its dependents see it when they read it
            }

            if (memo._changedAt != before || ((memo._state & NodeState.Failed) != 0) != failedBefore)
            {
                MarkDependents(memo);
            }
        }

        _eager.Clear();
    }

    /// <summary>
    /// Marks every transitive dependent of <paramref name="source"/> pending (push). A node that
    /// is already pending is not entered again: its dependents are pending too (the invariant
    /// in <see cref="NodeState.Pending"/>), so the walk costs O(newly marked nodes). Iterative,
    /// with a reused stack. Caller holds the runtime exclusively.
    /// </summary>
    private void MarkDependents(Node source)
    {
        ThrowIfShallow(); // a change its shallow memos would miss
        MemoSlot[] stack = _markStack;
        int top = 0;
        long marked = 0;
        Node node = source;
        while (true)
        {
            SubEdge[] subs = node._subs;
            int count = node._subCount;
            for (int i = 0; i < count; i++)
            {
                Memo sub = subs[i].Sub;
                int state = sub._state;
                if ((state & NodeState.Pending) != 0)
                {
                    continue;
                }

                sub._state = state | NodeState.Pending;
                marked++;
                if ((state & NodeState.Observed) != 0)
                {
                    NotifyObservers(sub);
                }

                if ((state & NodeState.Eager) != 0)
                {
                    _eager.Add(sub); // recomputed before the change ends; its dependents wait for the result
                    continue;
                }

                if (sub._subCount != 0)
                {
                    if (top == stack.Length)
                    {
                        Array.Resize(ref _markStack, top * 2);
                        stack = _markStack;
                    }

                    stack[top++].Memo = sub;
                }
            }

            if (top == 0)
            {
                break;
            }

            node = stack[--top].Memo!;
            stack[top].Memo = null;
        }

        _invalidations += marked;
    }
}
