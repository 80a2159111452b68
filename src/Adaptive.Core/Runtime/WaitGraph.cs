namespace Adaptive.Core;

/// <summary>
/// Finds cycles that cross threads: thread A, holding memo X on its demand path, waits for memo
/// Y held by thread B, which waits for a memo held by A. Such a wait would never end; instead
/// the waiter that finds it throws <see cref="CycleException"/>.
/// </summary>
/// <remarks>
/// A cycle in the wait-for graph consists of blocked threads only, and a blocked thread's claim
/// stack cannot change, so a cycle that is found twice, a millisecond apart, is genuine; a
/// racing, still-running thread can at worst hide a cycle until the next check.
/// </remarks>
internal static class WaitGraph
{
    internal static CycleException? FindCycle(ThreadContext waiter, Memo target)
    {
        List<Memo>? first = Walk(waiter, target);
        if (first is null)
        {
            return null;
        }

        Thread.Sleep(1);
        List<Memo>? second = Walk(waiter, target);
        if (second is null || second.Count != first.Count)
        {
            return null;
        }

        for (int i = 0; i < first.Count; i++)
        {
            if (first[i] != second[i])
            {
                return null;
            }
        }

        return CycleException.FromPath(first);
    }

    private static List<Memo>? Walk(ThreadContext waiter, Memo target)
    {
        ThreadContext[] contexts = ThreadContext.Snapshot();
        var path = new List<Memo>();
        Memo? wanted = target;
        for (int hop = 0; hop <= contexts.Length && wanted is not null; hop++)
        {
            (ThreadContext? owner, int index) = FindOwner(contexts, wanted);
            if (owner is null)
            {
                return null;
            }

            if (owner == waiter)
            {
                // The waiter's own segment opens the cycle; the other threads' segments follow
                // in the order the waits were taken.
                path.InsertRange(0, waiter.ClaimsFrom(index));
                return path;
            }

            int top = owner.ClaimCount;
            MemoSlot[] claims = owner.Claims;
            for (int i = index; i < top && i < claims.Length; i++)
            {
                if (claims[i].Memo is { } memo)
                {
                    path.Add(memo);
                }
            }

            wanted = owner.WaitingFor;
        }

        return null;
    }

    private static (ThreadContext? Owner, int Index) FindOwner(ThreadContext[] contexts, Memo memo)
    {
        foreach (ThreadContext context in contexts)
        {
            MemoSlot[] claims = context.Claims;
            int count = Math.Min(context.ClaimCount, claims.Length);
            for (int i = 0; i < count; i++)
            {
                if (claims[i].Memo == memo)
                {
                    return (context, i);
                }
            }
        }

        return (null, -1);
    }
}
