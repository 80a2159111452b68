using System.Runtime.CompilerServices;

namespace Adaptive.Core;

/// <summary>
/// Per-thread state of the runtime: the current execution frame (so reads know whom to record
/// a dependency for), the claim stack (every memo this thread is verifying or executing, in
/// demand order: the demand path), what the thread is blocked on, and its counters.
/// </summary>
/// <remarks>
/// Contexts are registered globally so that a blocked thread can walk the wait-for graph
/// (<see cref="WaitGraph"/>). Other threads read a context's claim stack without locks; that is
/// only trusted for threads that are blocked, whose stacks cannot change.
/// </remarks>
internal sealed class ThreadContext
{
    [ThreadStatic]
    internal static ThreadContext? t_current;

    private static readonly object s_registryLock = new();
    private static readonly List<ThreadContext> s_registry = [];

    /// <summary>Frames kept for reuse once the outermost execution ends.</summary>
    private const int MaxPooledFrames = 64;

    private ExecutionFrame[] _frames = new ExecutionFrame[8];
    private int _frameDepth;
    private ConditionalWeakTable<AdaptiveRuntime, RuntimeCounters>? _countersByRuntime;

    /// <summary>The innermost running execution on this thread; null outside executions.
    /// Derived from the depth rather than stored: a stored reference would cost a GC write
    /// barrier on every execution's entry and exit.</summary>
    internal ExecutionFrame? Frame
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int depth = _frameDepth;
            return depth == 0 ? null : _frames[depth - 1];
        }
    }

    /// <summary>The demand path: memos claimed by this thread, outermost first.</summary>
    internal MemoSlot[] Claims = new MemoSlot[16];
    internal int ClaimCount;

    /// <summary>The memo this thread is blocked on, if any.</summary>
    internal volatile Memo? WaitingFor;

    /// <summary>The runtime whose counters <see cref="Counters"/> are.</summary>
    internal AdaptiveRuntime? CountersRuntime;
    internal RuntimeCounters Counters = RuntimeCounters.Detached;

    internal readonly Thread Thread = Thread.CurrentThread;

    internal static ThreadContext Current => t_current ?? Create();

    private static ThreadContext Create()
    {
        var context = new ThreadContext();
        lock (s_registryLock)
        {
            s_registry.RemoveAll(static c => !c.Thread.IsAlive);
            s_registry.Add(context);
        }

        t_current = context;
        return context;
    }

    /// <summary>A copy of the registered contexts (for the wait-for graph).</summary>
    internal static ThreadContext[] Snapshot()
    {
        lock (s_registryLock)
        {
            return [.. s_registry];
        }
    }

    /// <summary>Makes <see cref="Counters"/> count for <paramref name="runtime"/>.</summary>
    internal void UseRuntime(AdaptiveRuntime runtime)
    {
        if (CountersRuntime == runtime)
        {
            return;
        }

        _countersByRuntime ??= [];
        Counters = _countersByRuntime.GetValue(runtime, static r => r.CreateCounters());
        CountersRuntime = runtime;
    }

    internal void PushClaim(Memo memo)
    {
        int count = ClaimCount;
        if (count == Claims.Length)
        {
            var grown = new MemoSlot[count * 2];
            Array.Copy(Claims, grown, count);
            Claims = grown;
        }

        Claims[count].Memo = memo;
        Claims[count].Cursor = 0;
        ClaimCount = count + 1;
    }

    internal void PopClaim()
    {
        int count = ClaimCount - 1;
        Claims[count].Memo = null;
        ClaimCount = count;
    }

    internal int IndexOfClaim(Memo memo)
    {
        MemoSlot[] claims = Claims;
        for (int i = 0; i < ClaimCount; i++)
        {
            if (claims[i].Memo == memo)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The claims from <paramref name="start"/> to the top of the demand path.</summary>
    internal List<Memo> ClaimsFrom(int start)
    {
        var path = new List<Memo>(ClaimCount - start);
        for (int i = start; i < ClaimCount; i++)
        {
            path.Add(Claims[i].Memo!);
        }

        return path;
    }

    internal ExecutionFrame EnterFrame(Memo owner)
    {
        int depth = _frameDepth;
        if (depth == _frames.Length)
        {
            Array.Resize(ref _frames, depth * 2);
        }

        ExecutionFrame frame = _frames[depth] ??= new ExecutionFrame();
        frame.Start(owner);
        _frameDepth = depth + 1;
        return frame;
    }

    internal void ExitFrame()
    {
        if (--_frameDepth == 0 && _frames.Length > MaxPooledFrames)
        {
            // A deep demand (see StackGuard) grew the pool; keep only what ordinary nesting uses.
            Array.Resize(ref _frames, MaxPooledFrames);
        }
    }
}
