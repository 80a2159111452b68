// The gate: demands run together; changes, saves and releases run alone.
namespace Adaptive.Core;

public sealed partial class AdaptiveRuntime
{
    /// <summary>Set in <see cref="_gate"/> while a change is waiting for or being propagated.</summary>
    private const int ExclusiveBit = 1 << 30;

    /// <summary>Demands in flight (low bits) and <see cref="ExclusiveBit"/>. Demands enter
    /// shared; a change enters exclusive once in-flight demands have left, and new demands wait
    /// until it is done. Cached reads of up-to-date memos do not enter at all.</summary>
    private int _gate;

    /// <summary>Serializes changes (single writes, batches, observer and release operations).</summary>
    private readonly object _writeLock = new();

    internal void EnterDemand(ThreadContext context)
    {
        var spin = default(SpinWait);
        while (true)
        {
            int gate = Volatile.Read(ref _gate);
            if ((gate & ExclusiveBit) == 0 && Interlocked.CompareExchange(ref _gate, gate + 1, gate) == gate)
            {
                break;
            }

            spin.SpinOnce();
        }

        context.UseRuntime(this);
    }

    internal void ExitDemand() => Interlocked.Decrement(ref _gate);

    /// <summary>Waits for in-flight demands to finish and holds new ones back. Caller holds
    /// <see cref="_writeLock"/> and must not be inside a demand.</summary>
    private void EnterExclusive()
    {
        Interlocked.Or(ref _gate, ExclusiveBit);
        var spin = default(SpinWait);
        while ((Volatile.Read(ref _gate) & ~ExclusiveBit) != 0)
        {
            spin.SpinOnce();
        }
    }

    private void ExitExclusive() => Interlocked.And(ref _gate, ~ExclusiveBit);

    /// <summary>Throws when the current thread is computing a memo: changes made there would
    /// make the result depend on evaluation order, and would deadlock against the gate.</summary>
    private static void ThrowIfInsideDemand(Node node)
    {
        ThreadContext? context = ThreadContext.t_current;
        if (context is not null && (context.Frame is not null || context.ClaimCount > 0))
        {
            ThrowHelper.ThrowWriteDuringExecution(node, context);
        }
    }

    /// <summary>Runs <paramref name="action"/> with the runtime held exclusively (no demand in flight).</summary>
    private void RunExclusive(Action action)
    {
        lock (_writeLock)
        {
            EnterExclusive();
            try
            {
                action();
            }
            finally
            {
                ExitExclusive();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> with the runtime held exclusively (no demand in flight).</summary>
    private TResult RunExclusive<TState, TResult>(TState state, Func<TState, TResult> action)
    {
        lock (_writeLock)
        {
            EnterExclusive();
            try
            {
                return action(state);
            }
            finally
            {
                ExitExclusive();
            }
        }
    }
}
