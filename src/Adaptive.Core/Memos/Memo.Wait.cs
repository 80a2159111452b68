namespace Adaptive.Core;

public abstract partial class Memo
{
    /// <summary>
    /// Releases the claim taken in <see cref="Update"/>: clears <see cref="NodeState.Busy"/>
    /// and the <paramref name="clear"/> bits, adds the <paramref name="outcome"/> of an execution
    /// (<see cref="NodeState.Failed"/> and a sequence step) and wakes waiters if any registered.
    /// </summary>
    internal void Release(int clear, int outcome)
    {
        int set = outcome & NodeState.Failed;
        int step = outcome & ~(NodeState.SequenceUnit - 1);
        int state, next;
        do
        {
            state = Volatile.Read(ref _state);
            next = unchecked(((state & ~(NodeState.Busy | NodeState.HasWaiters | clear)) | set) + step);
        }
        while (Interlocked.CompareExchange(ref _state, next, state) != state);

        if ((state & NodeState.HasWaiters) != 0)
        {
            _runtime.WakeWaiters();
        }
    }

    /// <summary>
    /// Called when this memo is claimed by someone. On this thread's own demand path it is a
    /// cycle; otherwise block until the owner releases it, checking the wait-for graph across
    /// threads so that a cycle through several threads is reported instead of deadlocking.
    /// </summary>
    private void WaitWhileBusy(ThreadContext context)
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
        try
        {
            int timeout = 1;
            object gate = _runtime._waitLock;
            lock (gate)
            {
                while (true)
                {
                    int state = Volatile.Read(ref _state);
                    if ((state & NodeState.Busy) == 0)
                    {
                        return;
                    }

                    if ((state & NodeState.HasWaiters) == 0
                        && Interlocked.CompareExchange(ref _state, state | NodeState.HasWaiters, state) != state)
                    {
                        continue;
                    }

                    if (!Monitor.Wait(gate, timeout))
                    {
                        CycleException? cycle = WaitGraph.FindCycle(context, this);
                        if (cycle is not null)
                        {
                            throw cycle;
                        }

                        timeout = Math.Min(timeout * 2, 50);
                    }
                }
            }
        }
        finally
        {
            context.WaitingFor = null;
        }
    }
}
