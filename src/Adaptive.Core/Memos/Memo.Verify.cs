using System.Runtime.CompilerServices;

namespace Adaptive.Core;

public abstract partial class Memo
{
    /// <summary>
    /// Brings this memo up to date: returns at once when it is clean; otherwise claims it,
    /// checks its dependencies in recorded order (bringing each up to date first) and executes
    /// it when one of them no longer holds the value it observed, or when it has never run.
    /// </summary>
    /// <remarks>
    /// Checking in order matters: when the first <c>k</c> dependencies are unchanged, a
    /// deterministic computation would read dependency <c>k+1</c> again, so verifying it cannot
    /// do work that the execution would not have done (and a cycle found here is genuine).
    /// The state changes of an execution are applied with the release, in one atomic step.
    /// Errors are cached by executions, not thrown here, except a <see cref="CycleException"/>
    /// found while verifying, which unwinds to the nearest executing memo or to the caller.
    /// </remarks>
    internal void Update(ThreadContext context)
    {
        int state;
        while (true)
        {
            state = Volatile.Read(ref _state);
            if ((state & NodeState.NeedsUpdate) == 0)
            {
                return;
            }

            if ((state & NodeState.Busy) != 0)
            {
                WaitWhileBusy(context);
                continue;
            }

            if (Interlocked.CompareExchange(ref _state, state | NodeState.Busy, state) == state)
            {
                break;
            }
        }

        if ((context.ClaimCount & 15) == 15)
        {
            // Deep demand paths recurse; fail with a catchable exception rather than crash.
            EnsureStack(context.ClaimCount);
        }

        context.PushClaim(this);
        int clear = 0, set = 0;
        try
        {
            Node? changed = null;
            if ((state & NodeState.New) == 0)
            {
                context.Counters.Verifications++;
                changed = FindChangedDependency(context);
                if (changed is null)
                {
                    clear = NodeState.Pending;
                }
            }

            if (clear == 0)
            {
                // Outcome: NodeState.Failed and/or one SequenceUnit when the value was replaced.
                set = Execute(context, changed);
                clear = NodeState.Pending | NodeState.New | NodeState.Failed;
            }
        }
        finally
        {
            context.PopClaim();
            Release(clear, set);
        }
    }

    /// <summary>The first dependency, in recorded order, that no longer holds the value this
    /// memo observed; null when none.</summary>
    private Node? FindChangedDependency(ThreadContext context)
    {
        DepEdge[] deps = _deps;
        for (int i = 0; i < deps.Length; i++)
        {
            Node dep = deps[i].Node;

            // Inputs never carry NeedsUpdate bits, so this also tells memos from inputs.
            if ((Volatile.Read(ref dep._state) & NodeState.NeedsUpdate) != 0)
            {
                Unsafe.As<Memo>(dep).Update(context);
            }

            if (deps[i].IsStale)
            {
                return dep;
            }
        }

        return null;
    }

    /// <summary>Called with the claim held; releases it before throwing.</summary>
    private void EnsureStack(int depth)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Release(0, 0);
            throw new InsufficientExecutionStackException(
                $"The demand path reached '{Name}' {depth} memos deep and the thread's stack is nearly exhausted. Demand intermediate memos first, or demand on a thread with a larger stack.");
        }
    }
}
