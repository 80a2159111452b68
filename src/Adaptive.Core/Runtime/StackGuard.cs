using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Adaptive.Core;

/// <summary>
/// Keeps deep demands from overflowing the machine stack. A memo whose computation reads
/// another memo nests a demand inside an execution, so a chain of 100,000 memos read cold from
/// its tail nests 100,000 executions through user code; the runtime's own walks are iterative,
/// but the user's recursion is not. When <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>
/// says the current stack is running low, the demand continues on a fresh thread with a large
/// stack while the current thread waits for it (Roslyn's <c>StackGuard</c> does the same for its
/// binder), so any depth that fits in memory works.
/// </summary>
/// <remarks>
/// The fresh thread takes over the waiting thread's <see cref="ThreadContext"/>: the claim stack
/// (the demand path, so cycles are still found), the execution frames (so the reads are recorded
/// for the right memo) and the counters. Only one of the two threads runs at a time, so the
/// context is never shared by running threads. An exception, a <see cref="CycleException"/>
/// included, is rethrown on the waiting thread as if the demand had run there. Locks that the
/// user's computation holds across a read are held by the waiting thread: a computation that
/// takes the same lock again deeper down would wait for itself, so computations should not
/// hold locks while reading memos.
/// </remarks>
internal static class StackGuard
{
    /// <summary>The stack of each continuation thread: about 16,000 more nested memos each.</summary>
    private const int FreshStackSize = 16 * 1024 * 1024;

    /// <summary>True when the current stack has room for a few more nested executions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool HasRoom() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>Runs <see cref="Memo.Update"/> of <paramref name="memo"/> on a fresh thread with
    /// the caller's context, waits for it, and rethrows what it threw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void UpdateOnFreshStack(Memo memo, ThreadContext context)
    {
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(
            () =>
            {
                ThreadContext.t_current = context;
                try
                {
                    memo.Update(context);
                }
                catch (Exception ex)
                {
                    error = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    ThreadContext.t_current = null;
                }
            },
            FreshStackSize)
        {
            IsBackground = true,
            Name = "adapt: deep demand",
        };
        thread.Start();
        thread.Join();
        error?.Throw();
    }
}
