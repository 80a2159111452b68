// Change: writing one input, refreshing files, marking dependents pending, settling eager memos.
// Batches of writes are in AdaptiveRuntime.Batch.cs.
using System.Diagnostics;

namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    private MemoSlot[] _markStack = new MemoSlot[64];
    private readonly List<Memo> _eager = [];

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
        AssertDependentsPending(source);
    }

    /// <summary>Checks, in debug builds, the invariant <see cref="NodeState.Pending"/> states once
    /// a marking is done: every transitive dependent of <paramref name="source"/> is pending, up
    /// to the eager memos (which are pending and mark their own dependents once recomputed).
    /// Released memos (new, without edges) are not dependents.</summary>
    [Conditional("DEBUG")]
    private static void AssertDependentsPending(Node source)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance) { source };
        var stack = new Stack<Node>();
        stack.Push(source);
        while (stack.Count > 0)
        {
            Node node = stack.Pop();
            for (int i = 0; i < node._subCount; i++)
            {
                Memo sub = node._subs[i].Sub;
                Debug.Assert((sub._state & NodeState.Pending) != 0, "every dependent of a changed node is pending when marking ends (NodeState.Pending)");
                if ((sub._state & NodeState.Eager) == 0 && seen.Add(sub))
                {
                    stack.Push(sub);
                }
            }
        }
    }
}
