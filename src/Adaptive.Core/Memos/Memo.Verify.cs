// Verify: bringing a memo up to date on demand (pull), executing it only when a dependency changed.
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
    /// <para>Checking in order matters: when the first <c>k</c> dependencies are unchanged, a
    /// deterministic computation would read dependency <c>k+1</c> again, so verifying it cannot
    /// do work that the execution would not have done (and a cycle found here is genuine).</para>
    /// <para>The walk is iterative: the thread's claim stack is the walk's stack, each slot
    /// holding how far that memo's dependencies have been checked. Only user code (an execution
    /// reading a stale memo) nests calls; when that nesting runs the stack low, the demand
    /// continues on a fresh thread (<see cref="StackGuard"/>).</para>
    /// <para>Errors are cached by executions, not thrown here, except a <see cref="CycleException"/>
    /// found while verifying; then every claim this call took is released (the memos stay
    /// pending) and the exception unwinds to the nearest executing memo or to the caller.</para>
    /// </remarks>
    internal void Update(ThreadContext context)
    {
        if (!StackGuard.HasRoom())
        {
            StackGuard.UpdateOnFreshStack(this, context);
            return;
        }

        if (!TryClaim(context))
        {
            return;
        }

        int baseDepth = context.ClaimCount;
        context.PushClaim(this);
        if ((_state & NodeState.New) == 0)
        {
            context.Counters.Verifications++;
        }

        try
        {
            Walk(context, baseDepth);
        }
        catch
        {
            while (context.ClaimCount > baseDepth)
            {
                Memo claimed = context.Claims[context.ClaimCount - 1].Memo!;
                context.PopClaim();
                claimed.Release(0, 0);
            }

            throw;
        }
    }

    /// <summary>Claims this memo if it needs an update; false when it is (or became) up to
    /// date. Waits while another thread holds it; throws on a cycle.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClaim(ThreadContext context)
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & NodeState.NeedsUpdate) == 0)
            {
                return false;
            }

            if ((state & NodeState.Busy) != 0)
            {
                WaitWhileBusy(context);
            }
            else if (Interlocked.CompareExchange(ref _state, state | NodeState.Busy, state) == state)
            {
                return true;
            }
        }
    }

    private static void Walk(ThreadContext context, int baseDepth)
    {
        RuntimeCounters counters = context.Counters;
        while (context.ClaimCount > baseDepth)
        {
            int top = context.ClaimCount - 1;
            Memo memo = context.Claims[top].Memo!;
            Node? changed = null;
            if ((memo._state & NodeState.New) == 0)
            {
                int i = context.Claims[top].Cursor;
                DepEdge[] deps = memo._deps;
                bool descended = false;
                for (; i < deps.Length; i++)
                {
                    Node dep = deps[i].Node;

                    // Inputs never carry NeedsUpdate bits, so this also tells memos from inputs.
                    if ((Volatile.Read(ref dep._state) & NodeState.NeedsUpdate) != 0)
                    {
                        Memo child = Unsafe.As<Memo>(dep);
                        if (child.TryClaim(context))
                        {
                            context.Claims[top].Cursor = i; // resume here: re-check this edge
                            context.PushClaim(child);
                            if ((child._state & NodeState.New) == 0)
                            {
                                counters.Verifications++;
                            }

                            descended = true;
                            break;
                        }
                    }

                    if (deps[i].IsStale)
                    {
                        changed = dep;
                        break;
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (changed is null)
                {
                    context.PopClaim();
                    memo.Release(NodeState.Pending, 0);
                    continue;
                }
            }

            // A new persistent memo may take its result from the trace instead of executing.
            Node? storedChange = null;
            if (changed is not null || memo._persist is null || !memo.TryAdopt(context, out int outcome, out storedChange))
            {
                outcome = memo.Execute(context, changed ?? storedChange);
            }

            context.PopClaim();
            memo.Release(NodeState.Pending | NodeState.New | NodeState.Failed | NodeState.Unloaded, outcome);
        }
    }
}
