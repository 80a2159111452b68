// Claim and wait: claiming a memo, releasing the claim, or waiting for the thread that holds it.
using System.Diagnostics;

namespace Adaptive.Core;

public abstract partial class Memo
{
    /// <summary>
    /// Releases the claim taken in <see cref="Update"/>: clears <see cref="NodeState.Busy"/>
    /// and the <paramref name="clear"/> bits, adds the <paramref name="outcome"/> of an execution
    /// (<see cref="NodeState.Failed"/> and a sequence step), and wakes waiters if there are any.
    /// </summary>
    /// <remarks>
    /// A plain (release) write suffices: while a memo is claimed no other thread writes its
    /// state (claims are compare-and-swaps that fail on <see cref="NodeState.Busy"/>; marking and
    /// observer changes run with the runtime held exclusively). A waiter that registers just as
    /// the write happens may miss the wake-up; it polls, so it notices within its timeout.
    /// </remarks>
    internal void Release(int clear, int outcome)
    {
        int state = _state;
        Debug.Assert((state & NodeState.Busy) != 0, "only the thread that claimed a memo releases it (NodeState.Busy)");
        int next = unchecked(((state & ~(NodeState.Busy | clear)) | (outcome & (NodeState.Failed | NodeState.Unloaded))) + (outcome & ~(NodeState.SequenceUnit - 1)));
        Volatile.Write(ref _state, next);
        if (Volatile.Read(ref _runtime._waiters) != 0)
        {
            _runtime.WakeWaiters();
        }
    }

    /// <summary>
    /// Called when this memo is claimed by someone. On this thread's own demand path it is a
    /// cycle; otherwise block until the owner releases it, checking the wait-for graph across
    /// threads so that a cycle through several threads is reported instead of deadlocking.
    /// </summary>
    private protected void WaitWhileBusy(ThreadContext context)
    {
        int onPath = context.IndexOfClaim(this);
        if (onPath >= 0)
        {
            throw CycleException.FromPath(context.ClaimsFrom(onPath));
        }

        var spin = default(SpinWait);
        for (int i = 0; i < 16; i++)
        {
            if ((Volatile.Read(ref _state) & NodeState.Busy) == 0)
            {
                return;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }

        context.WaitingFor = this;
        Interlocked.Increment(ref _runtime._waiters);
        try
        {
            int timeout = 1;
            object gate = _runtime._waitLock;
            lock (gate)
            {
                while ((Volatile.Read(ref _state) & NodeState.Busy) != 0)
                {
                    if (!Monitor.Wait(gate, timeout))
                    {
                        CycleException? cycle = WaitGraph.FindCycle(context, this);
                        if (cycle is not null)
                        {
                            throw cycle;
                        }

                        timeout = Math.Min(timeout * 2, 8);
                    }
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _runtime._waiters);
            context.WaitingFor = null;
        }
    }
}
